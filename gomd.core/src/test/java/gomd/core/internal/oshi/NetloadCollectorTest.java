package gomd.core.internal.oshi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import gomd.core.api.Metric;
import gomd.core.internal.collect.SampleFormat;
import gomd.core.internal.oshi.NetloadCollector.NetReading;

class NetloadCollectorTest {

    private static NetReading eth0(long millis, long bytesIn, long bytesOut, long packetsIn) {
        return new NetReading("eth0", millis, List.of("up", "promisc", "allmulti", "mcast"), "192.168.0.4", 24,
                "fe80::1", "52:54:00:12:34:56", 1500, 1_000_000_000L, bytesIn, bytesOut, packetsIn, 11431, 1, 0, 2, 0);
    }

    private static Map<String, String> record(List<Metric> metrics, String iface) {
        Map<String, String> out = new LinkedHashMap<>();
        metrics.stream().filter(m -> iface.equals(m.labels().get("iface")))
                .forEach(m -> out.put(m.name(), SampleFormat.value(m.value())));
        return out;
    }

    @Test
    void seedFieldsInTheSeedsOrderThenRatesFromTheSecondReading() {
        Deque<List<NetReading>> readings = new ArrayDeque<>(List.of(
                List.of(eth0(10_000, 89_121, 2_406_523, 1166)),
                List.of(eth0(12_000, 93_121, 2_406_523, 1186))));
        NetloadCollector c = new NetloadCollector(readings::poll);

        Map<String, String> first = record(c.collect(), "eth0");
        assertThat(first.keySet()).startsWith("IFACE_FLAGS", "ADDRESS", "SUBNET", "MTU", "COLLISIONS", "PACKETS_IN",
                "PACKETS_OUT", "PACKETS_TOTAL", "BYTES_IN", "BYTES_OUT", "BYTES_TOTAL", "ERRORS_IN", "ERRORS_OUT",
                "ERRORS_TOTAL");
        assertThat(first).containsEntry("IFACE_FLAGS", "up,promisc,allmulti,mcast").containsEntry("SUBNET", "255.255.255.0")
                .containsEntry("PACKETS_TOTAL", "12597").containsEntry("BYTES_TOTAL", "2495644")
                .containsEntry("ERRORS_TOTAL", "1").doesNotContainKey("BYTES_IN_RATE");

        Map<String, String> second = record(c.collect(), "eth0");
        assertThat(second).containsEntry("BYTES_IN_RATE", "2000").containsEntry("BYTES_OUT_RATE", "0")
                .containsEntry("BYTES_TOTAL_RATE", "2000").containsEntry("PACKETS_IN_RATE", "10");
    }

    @Test
    void aCounterThatWentBackGivesRateZeroNotANegativeOne() {
        Deque<List<NetReading>> readings = new ArrayDeque<>(List.of(
                List.of(eth0(10_000, 90_000, 100, 10)), List.of(eth0(11_000, 500, 100, 1))));
        NetloadCollector c = new NetloadCollector(readings::poll);
        c.collect();
        assertThat(record(c.collect(), "eth0")).containsEntry("BYTES_IN_RATE", "0").containsEntry("PACKETS_IN_RATE", "0");
    }

    @Test
    void flagsFromAFixtureSysfs() {
        Path sys = Path.of("src/test/resources/sys/class/net");
        assertThat(IfFlags.fromSysfs(sys, "eth0")).contains(List.of("up", "broadcast", "running", "promisc", "allmulti",
                "mcast"));
        assertThat(IfFlags.fromSysfs(sys, "eth1")).contains(List.of("broadcast", "mcast"));
        assertThat(IfFlags.fromSysfs(sys, "eth9")).isEmpty();
        assertThat(IfFlags.fromSysfs(sys, "../net/eth0")).isEmpty();
    }

    @Test
    void realLoopbackOnLinux() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Oshi.isLinux(), "Linux only");
        Map<String, String> lo = record(new NetloadCollector().collect(), "lo");
        assertThat(lo).containsEntry("ADDRESS", "127.0.0.1").containsEntry("SUBNET", "255.0.0.0");
        assertThat(lo.get("IFACE_FLAGS")).contains("up").contains("loopback");
    }
}
