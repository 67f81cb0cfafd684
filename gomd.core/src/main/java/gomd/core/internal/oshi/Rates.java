package gomd.core.internal.oshi;

/** Rates and shares from two readings of counters. */
final class Rates {

    private Rates() {
    }

    /**
     * Units per second between two readings of a counter; 0 when the counter went back (the
     * interface or disk was reset) and NaN when no time passed.
     */
    static double perSecond(long before, long after, long millis) {
        if (millis <= 0) {
            return Double.NaN;
        }
        return after < before ? 0 : (after - before) * 1000.0 / millis;
    }

    /** {@code part} as a percentage of {@code whole}; 0 for an empty whole. */
    static double percent(double part, double whole) {
        return whole <= 0 ? 0 : part * 100.0 / whole;
    }
}
