package io.sharedmemory.sample;

/**
 * A finished job as main's listener sees it. Children publish a plain Map; the starter converts
 * it to this record because that is what the listener method declares.
 *
 * @param job the job number
 * @param worker the child that did it
 * @param primes how many primes it found
 * @param millis how long it took
 */
public record JobResult(long job, String worker, long primes, long millis) {
}
