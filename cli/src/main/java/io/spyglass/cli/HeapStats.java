package io.spyglass.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Wall time and peak heap of one command, for {@code --stats} (the benchmark script reads it). */
final class HeapStats {
    private final long start = System.nanoTime();

    HeapStats() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peak use since the start, in MiB. */
    static long peakHeapMib() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak >> 20;
    }

    String summary() {
        return String.format("%.2f s, peak heap %d MiB", (System.nanoTime() - start) / 1e9, peakHeapMib());
    }
}
