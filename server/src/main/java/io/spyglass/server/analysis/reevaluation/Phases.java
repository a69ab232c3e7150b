package io.spyglass.server.analysis.reevaluation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Where a re-evaluation's time went, phase by phase, as wall time and as the CPU time of the
 * thread that did it (for the debug log: tuning needs a breakdown, and on a busy machine the wall
 * time mostly says how long the thread waited for a core).
 */
public final class Phases {
    enum Phase { AFFECTED, LOAD, MATCH, WRITE, RECOUNT, NOTIFY, COMMIT, POLICIES, WAIT }

    /** When a phase started: wall clock and this thread's CPU clock, in nanoseconds. */
    record Mark(long wall, long cpu) {}

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Phase, long[]> spent = new EnumMap<>(Phase.class);

    static Mark mark() {
        return new Mark(System.nanoTime(), THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0);
    }

    /** Adds the time since {@code since} (taken on this thread) to {@code phase}. */
    synchronized void add(Phase phase, Mark since) {
        Mark now = mark();
        long[] s = spent.computeIfAbsent(phase, p -> new long[2]);
        s[0] += now.wall() - since.wall();
        s[1] += now.cpu() - since.cpu();
    }

    <T> T time(Phase phase, Supplier<T> work) {
        Mark start = mark();
        try {
            return work.get();
        } finally {
            add(phase, start);
        }
    }

    void time(Phase phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    /** Like {@code load 812 ms (cpu 640 ms), match …}. */
    @Override
    public synchronized String toString() {
        StringJoiner s = new StringJoiner(", ");
        spent.forEach((p, n) -> s.add(p.name().toLowerCase() + " " + n[0] / 1_000_000 + " ms (cpu " + n[1] / 1_000_000 + " ms)"));
        return s.toString();
    }
}
