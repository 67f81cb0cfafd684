package gomd.scx.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses signed requests that are too old, too far in the future, or seen before. A request is
 * fresh while its timestamp is within {@code window} of this node's clock; its nonce is
 * remembered for twice the window after it arrived, longer than it could stay fresh. The
 * memory is bounded: when it is full, new requests are refused (never is an unexpired nonce
 * forgotten to make room, which would open a replay). A new guard (after a restart or a change
 * of the window) knows no nonce, so it also refuses requests signed before it was made.
 */
final class ReplayGuard {

    enum Verdict { FRESH, STALE, REPLAYED, FULL }

    private final long windowMillis;
    private final int capacity;
    private final Clock clock;
    private final long notBefore;
    /** nonce to the time it may be forgotten, in arrival order (so also in expiry order). */
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    ReplayGuard(Duration window, int capacity, Clock clock) {
        this.windowMillis = window.toMillis();
        this.capacity = capacity;
        this.clock = clock;
        this.notBefore = clock.millis();
    }

    /** Checks a request whose MAC is good, and remembers its nonce if it is fresh. */
    synchronized Verdict check(long timestampMillis, String nonce) {
        long now = clock.millis();
        if (timestampMillis < now - windowMillis || timestampMillis > now + windowMillis
                || timestampMillis < notBefore) {
            return Verdict.STALE;
        }
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() > now) {
                break;
            }
            it.remove();
        }
        if (seen.containsKey(nonce)) {
            return Verdict.REPLAYED;
        }
        if (seen.size() >= capacity) {
            return Verdict.FULL;
        }
        seen.put(nonce, now + 2 * windowMillis);
        return Verdict.FRESH;
    }
}
