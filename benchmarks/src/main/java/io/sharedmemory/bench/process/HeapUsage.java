package io.sharedmemory.bench.process;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The heap a JVM really uses: what is left after full collections. */
public final class HeapUsage {

    private HeapUsage() {
    }

    /**
     * Collects a few times and takes the least heap seen in use, so garbage of the moment
     * (a reply being encoded, say) does not count.
     * @return bytes of heap in use
     */
    public static long afterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            memory.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return least;
    }
}
