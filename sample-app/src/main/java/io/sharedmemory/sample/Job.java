package io.sharedmemory.sample;

/**
 * One job: count the primes in {@code [from, to)}. Stored in the shared store as a record, which
 * the codec may decode because {@code shared-memory.codec.trusted-packages} names this package.
 *
 * @param id the job number, from 1
 * @param from the first number to test
 * @param to the end of the range, exclusive
 */
public record Job(long id, long from, long to) {

    /**
     * Counts the primes in the range, by trial division.
     * @return how many primes there are
     */
    public long countPrimes() {
        long count = 0;
        for (long n = Math.max(2, this.from); n < this.to; n++) {
            if (isPrime(n)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isPrime(long n) {
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
