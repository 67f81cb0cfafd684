package gomd.rgs.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One daemon of the cache file (the seed's knownGomds): where its console and membership listen,
 * its node number, host name and when it was last seen.
 *
 * @param address        console and membership address
 * @param consolePort    console port
 * @param membershipPort membership port (tried as a seed at start)
 * @param number         node number
 * @param lastSeen       when this daemon last joined, left or was seen alive
 * @param name           host name, {@code -} when unknown
 */
public record KnownGomd(InetAddress address, int consolePort, int membershipPort, int number, Instant lastSeen,
                        String name) {

    public KnownGomd {
        Ports.check(consolePort);
        Ports.check(membershipPort);
        name = name == null || name.isBlank() || !name.chars().allMatch(c -> c > ' ' && c < 0x7f) ? "-" : name;
    }

    /** What identifies a daemon in the file: a second line with the same key is a duplicate. */
    public InetSocketAddress key() {
        return new InetSocketAddress(address, consolePort);
    }

    public InetSocketAddress membershipAddress() {
        return new InetSocketAddress(address, membershipPort);
    }
}
