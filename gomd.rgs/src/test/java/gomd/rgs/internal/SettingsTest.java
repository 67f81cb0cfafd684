package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> systemProperties = new HashMap<>();

    private Settings parse(Map<String, ?> config, Settings lastGood) {
        return Settings.parse(config, systemProperties::get, lastGood, problems::add);
    }

    @Test
    void defaultsAreMulticastOnTheLocalNetwork() {
        Settings s = parse(Map.of(), Settings.defaults());
        assertThat(s).isEqualTo(Settings.defaults());
        assertThat(s.effectiveStack()).isEqualTo(Settings.Stack.MULTICAST);
        assertThat(s.multicastAddress().getHostAddress()).isEqualTo("239.255.98.89");
        assertThat(s.multicastTtl()).isEqualTo(1);
        assertThat(s.membershipPort(9889)).isEqualTo(9893);
        assertThat(problems).isEmpty();
    }

    @Test
    void seedsMakeAutoUnicast() {
        Settings s = parse(Map.of("seeds", "10.0.0.1:9889,10.0.0.2"), Settings.defaults());
        assertThat(s.effectiveStack()).isEqualTo(Settings.Stack.UNICAST);
        assertThat(s.seeds()).containsExactly(new Seed("10.0.0.1", 9889, 9893), new Seed("10.0.0.2", 9889, 9893));
        assertThat(parse(Map.of("stack", "multicast", "seeds", "a"), Settings.defaults()).effectiveStack())
                .isEqualTo(Settings.Stack.MULTICAST);
    }

    @Test
    void valuesFromAFormOrACfgFileAreTheSame() {
        Settings fromForm = parse(Map.of("seeds", new String[] {"a:1", "b:2"}, "failure.timeout", 3000,
                "multicast.interfaces", new String[] {"eth1", "eth0"}), Settings.defaults());
        Settings fromFile = parse(Map.of("seeds", "a:1, b:2", "failure.timeout", "3000",
                "multicast.interfaces", "eth1,eth0"), Settings.defaults());
        assertThat(fromForm).isEqualTo(fromFile);
        assertThat(fromFile.failureTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromFile.multicastInterfaces()).containsExactly("eth1", "eth0");
    }

    @Test
    void theCommandLineWinsOverTheFile() {
        systemProperties.put("gomd.seeds", "127.0.0.1:25010");
        systemProperties.put("gomd.stack", "unicast");
        systemProperties.put("gomd.cluster.key", "from-command-line");
        Settings s = parse(Map.of("seeds", "10.0.0.1", "stack", "multicast", "cluster.key", "from-file"),
                Settings.defaults());
        assertThat(s.seeds()).containsExactly(new Seed("127.0.0.1", 25010, 25014));
        assertThat(s.stack()).isEqualTo(Settings.Stack.UNICAST);
        assertThat(s.clusterKey()).isEqualTo("from-command-line");
    }

    @Test
    void aBadValueIsReportedWithItsKeyAndTheLastGoodValueStays() {
        Settings good = parse(Map.of("failure.timeout", "4000", "multicast.address", "239.1.2.3"), Settings.defaults());

        Settings next = parse(Map.of("failure.timeout", "soon", "multicast.address", "10.0.0.1",
                "stack", "gossip", "membership.bind", "my-host", "cluster.name", "a b"), good);

        assertThat(next.failureTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(next.multicastAddress().getHostAddress()).isEqualTo("239.1.2.3");
        assertThat(next.stack()).isEqualTo(Settings.Stack.AUTO);
        assertThat(problems).containsExactlyInAnyOrder(
                "failure.timeout is invalid: not a whole number in 500..3600000; keeping PT4S",
                "multicast.address is invalid: not a multicast address (224.0.0.0/4 or ff00::/8); keeping 239.1.2.3",
                "stack is invalid: not one of auto, multicast, unicast; keeping AUTO",
                "membership.bind is invalid: not an IP address (e.g. 192.168.1.5); keeping the default",
                "cluster.name is invalid: expected 1-64 letters, digits, '.', '_' or '-'; keeping gomd");
    }

    @Test
    void aBadCommandLineValueFallsBackToTheFile() {
        systemProperties.put("gomd.failure.timeout", "12");
        Settings s = parse(Map.of("failure.timeout", "2500"), Settings.defaults());
        assertThat(s.failureTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(problems).containsExactly("-Dgomd.failure.timeout (command line) is invalid: not in 500..3600000; "
                + "using failure.timeout from the configuration");
    }

    @Test
    void anExplicitMembershipPortIsUsedAsIs() {
        assertThat(parse(Map.of("membership.port", "7800"), Settings.defaults()).membershipPort(9889)).isEqualTo(7800);
    }
}
