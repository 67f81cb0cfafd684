package gomd.itests.acl;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import gomd.itests.harness.GomdConsole;
import gomd.itests.harness.GomdNode;

/** Callers at chosen source addresses, as the access policy sees them. */
final class Callers {

    static final InetAddress LOOPBACK_1 = address("127.0.0.1");
    static final InetAddress LOOPBACK_2 = address("127.0.0.2");
    static final InetAddress LOOPBACK_3 = address("127.0.0.3");
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Bound for a rule change to take effect: the reload check runs every 2 s, a feature install takes longer. */
    static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(90);

    private Callers() {
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** A console session from {@code source}, handshake done; throws {@link GomdConsole.Refused} if not admitted. */
    static GomdConsole session(GomdNode node, InetAddress source) throws IOException {
        return GomdConsole.connect(new InetSocketAddress(node.host(), node.port()), source, TIMEOUT);
    }

    /** Everything the node sends to a caller at {@code source} that sends nothing, until it closes. */
    static List<String> linesUntilClosed(GomdNode node, InetAddress source) throws IOException {
        List<String> lines = new ArrayList<>();
        try (GomdConsole c = GomdConsole.raw(new InetSocketAddress(node.host(), node.port()), source, TIMEOUT)) {
            for (String line = c.readLine(); line != null; line = c.readLine()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Whether a caller at {@code source} gets a session. */
    static boolean admitted(GomdNode node, InetAddress source) throws IOException {
        try (GomdConsole c = session(node, source)) {
            return true;
        } catch (GomdConsole.Refused e) {
            return false;
        }
    }

    /** Waits until {@code condition} holds (a change in the node taking effect); fails after {@code timeout}. */
    static void await(String what, Duration timeout, IoCondition condition) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            sleep();
        }
    }

    /** A condition that may do I/O. */
    interface IoCondition {
        boolean holds() throws IOException;
    }

    /**
     * A source address that is not loopback: one of this host's own addresses. A client socket
     * bound to it and connected to 127.0.0.1 reaches a node listening on loopback only (the
     * packets never leave the host), and the node sees a non-loopback caller: what core's
     * default must refuse. Empty if the host has none, or the kernel refuses such a connection.
     */
    static Optional<InetAddress> nonLoopbackSource() throws SocketException {
        for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : ni.inetAddresses().toList()) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()
                        && reachesLoopback(a)) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean reachesLoopback(InetAddress source) {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK_1); Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(server.getLocalSocketAddress(), 2000);
            try (Socket accepted = server.accept()) {
                return accepted.getInetAddress().equals(source);
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
