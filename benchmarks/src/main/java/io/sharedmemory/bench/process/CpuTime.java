package io.sharedmemory.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * CPU time (user + system) of processes, from {@code /proc}: the figure that decides
 * throughput on a machine of 2 cores, where every process of a row competes for the same cores.
 * The kernel counts it in clock ticks of 10 ms ({@code CLK_TCK} = 100), so a window of a few
 * seconds is read to well under 1 %.
 */
public final class CpuTime {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuTime() {
    }

    /**
     * CPU time used so far by each process, all its threads included, summed.
     * @param pids the processes; one that is gone counts 0
     * @return nanoseconds
     */
    public static long of(Collection<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            long[] fields = fields(Path.of("/proc", Long.toString(pid), "stat"));
            total += (fields.length > 1) ? (fields[0] + fields[1]) * NANOS_PER_TICK : 0;
        }
        return total;
    }

    /**
     * CPU time of this JVM's child processes that have exited and been waited for (such as a
     * finished {@code redis-benchmark}).
     * @return nanoseconds
     */
    public static long ofExitedChildren() {
        long[] fields = fields(Path.of("/proc/self/stat"));
        return (fields.length > 3) ? (fields[2] + fields[3]) * NANOS_PER_TICK : 0;
    }

    /** utime, stime, cutime, cstime: fields 14 to 17 of {@code stat}, after the command in parentheses. */
    private static long[] fields(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] after = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // after[0] is field 3 (state): utime is field 14, so after[11].
            return new long[] { Long.parseLong(after[11]), Long.parseLong(after[12]), Long.parseLong(after[13]),
                    Long.parseLong(after[14]) };
        }
        catch (IOException | RuntimeException ex) {
            return new long[0];
        }
    }
}
