package gomd.core.internal.node;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the node finds out about itself: its host name and, unless configured, its number. */
final class NodeIdentity {

    private static final Logger LOG = LoggerFactory.getLogger(NodeIdentity.class);

    /** The number of a node that has only loopback addresses (a laptop, a test). */
    static final int LOOPBACK_ONLY_NUMBER = 1;

    private NodeIdentity() {
    }

    /**
     * As omdiscd did: the last two octets of the first non-loopback IPv4 address,
     * {@code (o3 << 8) + o4}; {@link #LOOPBACK_ONLY_NUMBER} when there is none.
     */
    static int deriveNumber(List<InetAddress> addresses) {
        return addresses.stream()
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst()
                .map(a -> ((a.getAddress()[2] & 0xff) << 8) + (a.getAddress()[3] & 0xff))
                .orElse(LOOPBACK_ONLY_NUMBER);
    }

    /** The addresses of the interfaces that are up, in interface index order so "first" is stable. */
    static List<InetAddress> interfaceAddresses() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(NodeIdentity::isUp)
                    .sorted(Comparator.comparingInt(NetworkInterface::getIndex))
                    .flatMap(NetworkInterface::inetAddresses)
                    .toList();
        } catch (SocketException e) {
            LOG.warn("cannot list network interfaces ({}); node number {} is used", e.toString(), LOOPBACK_ONLY_NUMBER);
            return List.of();
        }
    }

    /** The host name for the banner and prompt; {@code localhost} when the system has none that resolves. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // The name is set but does not resolve (common in containers): Linux still tells it.
            try {
                String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
                return name.isEmpty() ? "localhost" : name;
            } catch (IOException | RuntimeException notLinux) {
                return "localhost";
            }
        }
    }

    private static boolean isUp(NetworkInterface nif) {
        try {
            return nif.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
