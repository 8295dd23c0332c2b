package io.sharedmemory.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample, bound from {@code sample.*}.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

    /**
     * Number of jobs the main process posts.
     */
    private int jobs = 12;

    /**
     * Number of child processes the main process launches.
     */
    private int children = 3;

    /**
     * Width of the number range one job searches for primes.
     */
    private int jobSize = 50_000;

    /**
     * Extra time each job takes, so that the work visibly spreads over the children.
     */
    private Duration workDelay = Duration.ofMillis(200);

    /**
     * Longest the main process waits for all results, and a child for main's goodbye.
     */
    private Duration timeout = Duration.ofSeconds(45);

    /**
     * Name of this child; the main process sets it when it launches one.
     */
    private String workerName = "worker";

    /**
     * Which part of the sample this process plays: 'coordinator' posts the jobs and launches the
     * workers (the default); 'worker' takes jobs (the coordinator starts its workers so).
     */
    private String part = "coordinator";

    /** @return the number of jobs */
    public int getJobs() {
        return this.jobs;
    }

    /** @param jobs the number of jobs */
    public void setJobs(int jobs) {
        this.jobs = jobs;
    }

    /** @return the number of children */
    public int getChildren() {
        return this.children;
    }

    /** @param children the number of children */
    public void setChildren(int children) {
        this.children = children;
    }

    /** @return the range width of a job */
    public int getJobSize() {
        return this.jobSize;
    }

    /** @param jobSize the range width of a job */
    public void setJobSize(int jobSize) {
        this.jobSize = jobSize;
    }

    /** @return the extra time per job */
    public Duration getWorkDelay() {
        return this.workDelay;
    }

    /** @param workDelay the extra time per job */
    public void setWorkDelay(Duration workDelay) {
        this.workDelay = workDelay;
    }

    /** @return the longest wait */
    public Duration getTimeout() {
        return this.timeout;
    }

    /** @param timeout the longest wait */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** @return this child's name */
    public String getWorkerName() {
        return this.workerName;
    }

    /** @param workerName this child's name */
    public void setWorkerName(String workerName) {
        this.workerName = workerName;
    }

    /** @return the part this process plays: coordinator or worker */
    public String getPart() {
        return this.part;
    }

    /** @param part coordinator or worker */
    public void setPart(String part) {
        this.part = part;
    }
}
