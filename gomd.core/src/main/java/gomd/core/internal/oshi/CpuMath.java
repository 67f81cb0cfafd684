package gomd.core.internal.oshi;

import java.util.Optional;

/**
 * CPU shares from two readings of tick counters, in OSHI's {@code TickType} order: user, nice,
 * system, idle, iowait, irq, softirq, steal. Readings should be at least a second apart
 * (OSHI FAQ); shorter windows are too coarse to mean anything.
 */
final class CpuMath {

    static final int USER = 0;
    static final int NICE = 1;
    static final int SYSTEM = 2;
    static final int IDLE = 3;
    static final int IOWAIT = 4;
    static final int IRQ = 5;
    static final int SOFTIRQ = 6;
    static final int STEAL = 7;
    static final int TICK_TYPES = 8;

    /** Percentages of the time between two readings; busy is everything but idle and iowait. */
    record Shares(double user, double nice, double system, double idle, double iowait, double irq, double steal,
                  double busy) {
    }

    private CpuMath() {
    }

    /** The shares between two tick readings, or empty when no tick passed (or a counter went back). */
    static Optional<Shares> between(long[] before, long[] after) {
        if (before == null || after == null || before.length < TICK_TYPES || after.length < TICK_TYPES) {
            return Optional.empty();
        }
        long[] d = new long[TICK_TYPES];
        long total = 0;
        for (int i = 0; i < TICK_TYPES; i++) {
            d[i] = after[i] - before[i];
            if (d[i] < 0) {
                return Optional.empty();
            }
            total += d[i];
        }
        if (total == 0) {
            return Optional.empty();
        }
        double t = total;
        double idle = d[IDLE] * 100 / t;
        double iowait = d[IOWAIT] * 100 / t;
        return Optional.of(new Shares(d[USER] * 100 / t, d[NICE] * 100 / t, d[SYSTEM] * 100 / t, idle, iowait,
                (d[IRQ] + d[SOFTIRQ]) * 100 / t, d[STEAL] * 100 / t, Math.max(0, 100 - idle - iowait)));
    }
}
