package io.sharedmemory.sample;

/**
 * The keys and channels main and children agree on.
 */
final class Channels {

    /** Channel of job results, published by children as a Map. */
    static final String RESULTS = "sample.results";

    /** Prefix of the channels on which a child announces itself: {@code sample.worker.<name>}. */
    static final String WORKER_PREFIX = "sample.worker.";

    /** Channel on which main talks to every child. */
    static final String CONTROL = "sample.control";

    /** Key of the number of jobs. */
    static final String JOBS_TOTAL = "sample.jobs.total";

    /** Key of the last job number taken; children claim jobs by incrementing it. */
    static final String JOBS_NEXT = "sample.jobs.next";

    /** Key of the number of jobs finished. */
    static final String JOBS_PROCESSED = "sample.jobs.processed";

    /** Prefix of the per-child job counters: {@code sample.stats.<name>}. */
    static final String STATS_PREFIX = "sample.stats.";

    /** Prefix of the configuration keys every child watches: {@code sample.config.<name>}. */
    static final String CONFIG_PREFIX = "sample.config.";

    /** The configuration key main changes near the end of a run; every child logs the change. */
    static final String CONFIG_MODE = CONFIG_PREFIX + "mode";

    /** Key children increment once they saw a configuration change; main watches it. */
    static final String CONFIG_ACKS = "sample.config-acks";

    private Channels() {
    }

    /**
     * The key of one job.
     * @param id the job number
     * @return its key
     */
    static String job(long id) {
        return "sample.job." + id;
    }
}
