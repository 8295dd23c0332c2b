package io.sharedmemory.core.internal.wire;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/**
 * Measures what the current thread allocates on the heap, plus what the whole JVM holds in
 * direct buffers, between {@link #start()} and {@link #bytes()}: enough to tell a decoder that
 * trusted a declared length (megabytes to gigabytes) from one that did not (a few kilobytes).
 */
public final class Allocations {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long heapAtStart;

    private final long directAtStart;

    private Allocations() {
        this.directAtStart = direct();
        this.heapAtStart = THREADS.getCurrentThreadAllocatedBytes();
    }

    public static Allocations start() {
        return new Allocations();
    }

    /** Heap bytes this thread allocated since the start, plus growth of direct buffer memory. */
    public long bytes() {
        long heap = THREADS.getCurrentThreadAllocatedBytes() - this.heapAtStart;
        return heap + Math.max(0, direct() - this.directAtStart);
    }

    private static long direct() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                return pool.getTotalCapacity();
            }
        }
        return 0;
    }
}
