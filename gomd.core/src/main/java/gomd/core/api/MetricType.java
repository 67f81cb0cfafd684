package gomd.core.api;

/** How to read a {@link Metric}'s value. */
public enum MetricType {
    /** A value that goes up and down (load, % CPU, bytes free, rate). */
    GAUGE,
    /** A total that only grows (bytes received since boot). */
    COUNTER,
    /** Descriptive text (model name, address, flags). */
    INFO
}
