package gomd.core.internal.oshi;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Interface flags as the seed shows them ({@code up,promisc,allmulti,mcast}). On Linux they
 * come from {@code /sys/class/net/IFACE/flags} (the kernel's IFF_* bits); elsewhere from
 * {@link NetworkInterface}, which knows fewer of them.
 */
final class IfFlags {

    /** IFF_* names by bit, lowest first; "mcast" is the seed's word for IFF_MULTICAST. */
    private static final String[] NAMES = {"up", "broadcast", "debug", "loopback", "pointopoint", "notrailers",
            "running", "noarp", "promisc", "allmulti", "master", "slave", "mcast", "portsel", "automedia", "dynamic"};
    private static final int IFF_RUNNING = 0x40;

    private IfFlags() {
    }

    /** The names of the set bits; {@code carrier} adds "running", which sysfs keeps out of flags. */
    static List<String> decode(int flags, boolean carrier) {
        if (carrier) {
            flags |= IFF_RUNNING;
        }
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < NAMES.length; bit++) {
            if ((flags & 1 << bit) != 0) {
                names.add(NAMES[bit]);
            }
        }
        return names;
    }

    /** Reads {@code flags} and {@code carrier} below {@code sysClassNet}; empty when there is no such file. */
    static Optional<List<String>> fromSysfs(Path sysClassNet, String iface) {
        if (iface.isEmpty() || iface.contains("/") || iface.equals("..") || iface.equals(".")) {
            return Optional.empty();
        }
        Path dir = sysClassNet.resolve(iface);
        try {
            String hex = Files.readString(dir.resolve("flags")).trim();
            int flags = Integer.decode(hex);
            boolean carrier;
            try {
                carrier = Files.readString(dir.resolve("carrier")).trim().equals("1");
            } catch (IOException e) {
                carrier = false; // the kernel refuses to read carrier of a down interface
            }
            return Optional.of(decode(flags, carrier));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static List<String> fromJava(NetworkInterface nif) {
        List<String> names = new ArrayList<>();
        if (nif == null) {
            return names;
        }
        try {
            if (nif.isUp()) {
                names.add("up");
            }
            if (nif.isLoopback()) {
                names.add("loopback");
            }
            if (nif.isPointToPoint()) {
                names.add("pointopoint");
            }
            if (nif.supportsMulticast()) {
                names.add("mcast");
            }
        } catch (SocketException e) {
            // the interface went away: no flags
        }
        return names;
    }
}
