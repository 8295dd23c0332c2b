package io.sharedmemory.autoconfigure;

/**
 * Settings of a process that a {@code ChildProcessLauncher} started, bound from
 * {@code shared-memory.child.*} as part of {@link SharedMemoryProperties}.
 */
public class SharedMemoryChildProperties {

    /**
     * Whether this process closes its application context and exits when the process that
     * launched it is gone (even after a SIGKILL). Turn off for a child meant to outlive its parent.
     */
    private boolean exitWithParent = true;

    /**
     * Process id of the process that launched this one. ChildProcessLauncher sets it through the
     * environment variable SHARED_MEMORY_CHILD_PARENT_PID; not meant to be set by hand.
     */
    private Long parentPid;

    /**
     * Tells whether this process exits with the process that launched it.
     * @return {@code true} unless turned off
     */
    public boolean isExitWithParent() {
        return this.exitWithParent;
    }

    /**
     * Sets whether this process exits with the process that launched it.
     * @param exitWithParent {@code false} to outlive it
     */
    public void setExitWithParent(boolean exitWithParent) {
        this.exitWithParent = exitWithParent;
    }

    /**
     * The process id of the launching process.
     * @return the pid, or {@code null} when no launcher started this process
     */
    public Long getParentPid() {
        return this.parentPid;
    }

    /**
     * Sets the process id of the launching process.
     * @param parentPid the pid
     */
    public void setParentPid(Long parentPid) {
        this.parentPid = parentPid;
    }
}
