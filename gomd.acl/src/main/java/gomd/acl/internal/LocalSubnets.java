package gomd.acl.internal;

import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * What {@code LOCAL_SUBNET} stands for: the prefix of every address on every interface that is
 * up, loopback included, so the seed's {@code LOCAL_SUBNET:ACL_FULL_CONTROL} also serves the
 * node's own admin.
 */
final class LocalSubnets {

    /** IPv4 before IPv6, then by address and prefix length, so two readings compare equal. */
    private static final Comparator<Cidr> ORDER = Comparator
            .comparingInt((Cidr c) -> c.network().getAddress().length)
            .thenComparing(c -> c.network().getAddress(), Arrays::compareUnsigned)
            .thenComparingInt(Cidr::prefix);

    private LocalSubnets() {
    }

    /** Reads the interfaces now. */
    static List<Cidr> read() throws SocketException {
        TreeSet<Cidr> prefixes = new TreeSet<>(ORDER);
        for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
            if (!ni.isUp()) {
                continue;
            }
            for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                InetAddress a = Addresses.normalize(ia.getAddress());
                int prefix = ia.getNetworkPrefixLength();
                // The JDK reports a nonsense length for some point-to-point links: skip those.
                if (prefix >= 0 && prefix <= a.getAddress().length * 8) {
                    prefixes.add(new Cidr(a, prefix));
                }
            }
        }
        return List.copyOf(prefixes);
    }
}
