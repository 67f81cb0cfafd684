package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UDP;
import org.jgroups.stack.Protocol;
import org.junit.jupiter.api.Test;

class StacksTest {

    private static final KeyGuard GUARD = new KeyGuard(
            new ClusterKey("k", ClusterKey.Origin.SETTING, null).derive("gomd"), "gomd", a -> {
            });

    private static List<String> names(List<Protocol> stack) {
        return stack.stream().map(p -> p.getClass().getSimpleName()).toList();
    }

    private static Settings settings(Map<String, String> config) {
        return Settings.parse(config, k -> null, Settings.defaults(), p -> {
            throw new AssertionError(p);
        });
    }

    @Test
    void unicastIsTcpWithTheSeedsAndTheKeyGuardRightAboveTheTransport() throws Exception {
        Stacks.Endpoint endpoint = new Stacks.Endpoint(InetAddress.getLoopbackAddress(), 25014, List.of());
        List<InetSocketAddress> peers = List.of(new InetSocketAddress("127.0.0.1", 25024));

        List<Protocol> stack = Stacks.build(settings(Map.of("stack", "unicast")), endpoint, peers, GUARD);

        assertThat(names(stack)).containsExactly("TCP", "KeyGuard", "TCPPING", "MERGE3", "FD_SOCK2", "FD_ALL3",
                "VERIFY_SUSPECT2", "BARRIER", "NAKACK2", "UNICAST3", "STABLE", "GMS", "FRAG4");
        TCP tcp = (TCP) stack.get(0);
        assertThat(tcp.getBindPort()).isEqualTo(25014);
        assertThat(tcp.getPortRange()).isZero();
        assertThat(((TCPPING) stack.get(2)).getInitialHosts()).extracting(Object::toString)
                .containsExactly("127.0.0.1:25024");
    }

    @Test
    void multicastAddsUnicastDiscoveryOnlyForKnownPeers() throws Exception {
        Stacks.Endpoint endpoint = new Stacks.Endpoint(null, 9893, List.of());
        Settings s = settings(Map.of("multicast.address", "239.1.2.3", "multicast.port", "45000",
                "multicast.ttl", "4"));

        List<Protocol> alone = Stacks.build(s, endpoint, List.of(), GUARD);
        List<Protocol> withPeers = Stacks.build(s, endpoint, List.of(new InetSocketAddress("10.0.0.1", 9893)), GUARD);

        assertThat(names(alone)).startsWith("UDP", "KeyGuard", "PING", "MERGE3");
        assertThat(names(withPeers)).startsWith("UDP", "KeyGuard", "PING", "TCPPING", "MERGE3");
        UDP udp = (UDP) alone.get(0);
        assertThat(udp.getMulticastPort()).isEqualTo(45000);
        assertThat(udp.getIpTTL()).isEqualTo(4);
        assertThat(udp.getBindPort()).isEqualTo(9893);
    }

    @Test
    void theFailureTimeoutIsSharedBetweenSilenceAndVerification() {
        assertThat(Stacks.FailureTimes.of(Duration.ofSeconds(10))).isEqualTo(new Stacks.FailureTimes(
                Duration.ofSeconds(8), Duration.ofSeconds(2), Duration.ofSeconds(2)));
        assertThat(Stacks.FailureTimes.of(Duration.ofSeconds(3))).isEqualTo(new Stacks.FailureTimes(
                Duration.ofMillis(2400), Duration.ofMillis(600), Duration.ofMillis(600)));
    }
}
