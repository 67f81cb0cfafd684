package gomd.client.internal;

import java.time.Duration;

/** A point in time by the monotonic clock; every blocking step of a request waits at most until it. */
public final class Deadline {

    /** Longer waits are cut here so that adding to {@link System#nanoTime()} cannot overflow. */
    private static final long MAX_NANOS = Duration.ofDays(365).toNanos();

    private final long endNanos;
    private final Duration span;

    private Deadline(long endNanos, Duration span) {
        this.endNanos = endNanos;
        this.span = span;
    }

    public static Deadline after(Duration d) {
        return new Deadline(System.nanoTime() + nanos(d), d);
    }

    /** The earlier of this deadline and {@code d} from now. */
    public Deadline cappedAt(Duration d) {
        long other = System.nanoTime() + nanos(d);
        return other - endNanos < 0 ? new Deadline(other, d) : this;
    }

    /** How long it was set for, for messages: "within 5000 ms". */
    public Duration span() {
        return span;
    }

    /**
     * Milliseconds left, rounded up so that a positive remainder never reads as 0 (which
     * socket timeouts take for "forever"); 0 once the deadline has passed.
     */
    public long remainingMillis() {
        long left = endNanos - System.nanoTime();
        return left <= 0 ? 0 : (left + 999_999) / 1_000_000;
    }

    private static long nanos(Duration d) {
        return d.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : Math.max(0, d.toNanos());
    }
}
