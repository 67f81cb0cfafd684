package gomd.rgs.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jgroups.PhysicalAddress;
import org.jgroups.protocols.BARRIER;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.PING;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.TP;
import org.jgroups.protocols.UDP;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.IpAddress;
import org.jgroups.stack.Protocol;

/**
 * The two JGroups stacks, bottom (transport) first. Both are JGroups' own {@code udp.xml} and
 * {@code tcp.xml} trimmed for a small control plane (no flow control, no state transfer), with
 * {@link KeyGuard} directly above the transport and the ports pinned so firewalls can be
 * written: membership on the membership port, FD_SOCK2 on the next one.
 *
 * <pre>
 * multicast: UDP  KeyGuard PING [TCPPING] MERGE3 FD_SOCK2 FD_ALL3 VERIFY_SUSPECT2 BARRIER NAKACK2 UNICAST3 STABLE GMS FRAG4
 * unicast:   TCP  KeyGuard TCPPING        MERGE3 FD_SOCK2 FD_ALL3 VERIFY_SUSPECT2 BARRIER NAKACK2 UNICAST3 STABLE GMS FRAG4
 * </pre>
 * TCPPING in the multicast stack is there only when there are known peers (seeds or the cache
 * file) to reach beyond multicast.
 */
public final class Stacks {

    private static final int SOCKET_BUFFER = 200_000;

    private Stacks() {
    }

    /**
     * Where this daemon's membership listens.
     *
     * @param bind           the address (null: JGroups picks a site-local one)
     * @param port           the membership port
     * @param interfaces     the multicast interfaces (empty: the one of {@code bind})
     */
    public record Endpoint(InetAddress bind, int port, List<NetworkInterface> interfaces) {
        public Endpoint {
            interfaces = List.copyOf(interfaces);
            Ports.check(port + Ports.FAILURE_DETECTION_OFFSET);
        }
    }

    /**
     * The protocols of the stack {@code settings} choose.
     *
     * @param peers membership addresses to try (seeds and cache file)
     */
    public static List<Protocol> build(Settings settings, Endpoint endpoint, Collection<InetSocketAddress> peers,
                                       KeyGuard guard) {
        boolean multicast = settings.effectiveStack() == Settings.Stack.MULTICAST;
        List<Protocol> stack = new ArrayList<>();
        stack.add(multicast ? udp(settings, endpoint) : tcp(endpoint));
        stack.add(guard);
        if (multicast) {
            stack.add(new PING());
        }
        if (!multicast || !peers.isEmpty()) {
            List<PhysicalAddress> hosts = peers.stream()
                    .map(p -> (PhysicalAddress) new IpAddress(p.getAddress(), p.getPort())).toList();
            // Every discovery answer carries all the addresses the answering daemon knows, so a
            // daemon learns the members it has no seed for (or it could not reach them).
            stack.add(new TCPPING().setInitialHosts2(hosts).setPortRange(0).returnEntireCache(true));
        }
        stack.add(new MERGE3().setMinInterval(1_000).setMaxInterval(5_000));
        stack.add(new FD_SOCK2().setOffset(Ports.FAILURE_DETECTION_OFFSET).setPortRange(0));
        FailureTimes times = FailureTimes.of(settings.failureTimeout());
        stack.add(new FD_ALL3().setTimeout(times.silence().toMillis()).setInterval(times.heartbeat().toMillis()));
        stack.add(new VERIFY_SUSPECT2().setTimeout(times.verify().toMillis()));
        stack.add(new BARRIER());
        stack.add(new NAKACK2().useMcastXmit(multicast));
        stack.add(new UNICAST3());
        stack.add(new STABLE());
        stack.add(new GMS().setJoinTimeout(settings.joinTimeout().toMillis()).setValue("print_local_addr", false));
        stack.add(new FRAG4());
        return stack;
    }

    /**
     * How {@code failure.timeout} is shared out: a member is suspected after {@code silence}
     * without heartbeats (sent every {@code heartbeat}), then given {@code verify} to answer
     * before it is declared FAILED. A process that dies is seen at once by FD_SOCK2 (its socket
     * closes) and only needs {@code verify}.
     */
    public record FailureTimes(Duration silence, Duration heartbeat, Duration verify) {
        static FailureTimes of(Duration failureTimeout) {
            long total = failureTimeout.toMillis();
            long verify = Math.max(200, Math.min(2_000, total / 5));
            long silence = total - verify;
            return new FailureTimes(Duration.ofMillis(silence), Duration.ofMillis(Math.max(100, silence / 4)),
                    Duration.ofMillis(verify));
        }
    }

    private static TP udp(Settings settings, Endpoint endpoint) {
        UDP udp = new UDP().setMulticastAddress(settings.multicastAddress()).setMulticastPort(settings.multicastPort())
                .setIpTTL(settings.multicastTtl());
        // Membership traffic is small: socket buffers within Linux's default limit (rmem_max,
        // wmem_max 208 KiB) spare a warning at every start on hosts nobody tuned.
        udp.setMcastRecvBufSize(SOCKET_BUFFER).setMcastSendBufSize(SOCKET_BUFFER).setUcastRecvBufSize(SOCKET_BUFFER)
                .setUcastSendBufSize(SOCKET_BUFFER);
        if (!endpoint.interfaces().isEmpty()) {
            udp.setValue("receive_interfaces", endpoint.interfaces());
        }
        return pinned(udp, endpoint);
    }

    private static TP tcp(Endpoint endpoint) {
        return pinned(new TCP(), endpoint);
    }

    private static TP pinned(TP transport, Endpoint endpoint) {
        if (endpoint.bind() != null) {
            transport.setBindAddr(endpoint.bind());
        }
        return transport.setBindPort(endpoint.port()).setPortRange(0);
    }
}
