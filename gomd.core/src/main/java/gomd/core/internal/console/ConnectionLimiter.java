package gomd.core.internal.console;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Counts open sessions, in all and per client address. */
final class ConnectionLimiter {

    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;

    /** Takes a slot for a session from {@code address}, unless a limit is reached. */
    synchronized boolean tryAcquire(InetAddress address, int maxTotal, int maxPerAddress) {
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (total >= maxTotal || fromAddress >= maxPerAddress) {
            return false;
        }
        total++;
        perAddress.put(address, fromAddress + 1);
        return true;
    }

    synchronized void release(InetAddress address) {
        total--;
        perAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
    }
}
