package gomd.core.internal.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import gomd.core.api.Cluster;
import gomd.core.api.ErrorCode;
import gomd.core.api.InternalRequest;
import gomd.core.api.Metric;
import gomd.core.api.NodeInfo;
import gomd.core.api.Record;
import gomd.core.api.Result;

class GetCommandTest {

    private final FakeSources sources = new FakeSources();
    private final GetCommand get = new GetCommand();

    GetCommandTest() {
        get.sources = sources;
        sources.add("load", "", List.of(Metric.gauge("LOAD", 0.52, ""), Metric.gauge("LOAD5", 0.4, ""),
                Metric.gauge("LOAD15", 0.333, "")));
        sources.add("netload", "iface", netload("eth0", "up,promisc,allmulti,mcast", 89121)
                .andThen(netload("lo", "up,loopback,running", 3193)).list);
        sources.add("cpu", "cpu", List.of(Metric.gauge("USER", 12.345, "%"), Metric.gauge("COUNT", 2, ""),
                Metric.gauge("USER", 3.0, "%").withLabel("cpu", "0"),
                Metric.gauge("USER", 21.69, "%").withLabel("cpu", "1")));
    }

    @AfterEach
    void stop() {
        get.deactivate();
    }

    /** Builds netload-like metrics, one interface after the other. */
    private static final class Metrics {
        final List<Metric> list = new ArrayList<>();

        Metrics andThen(Metrics more) {
            list.addAll(more.list);
            return this;
        }
    }

    private static Metrics netload(String iface, String flags, long bytesIn) {
        Metrics m = new Metrics();
        m.list.add(Metric.info("IFACE_FLAGS", flags).withLabel("iface", iface));
        m.list.add(Metric.info("ADDRESS", iface.equals("lo") ? "127.0.0.1" : "192.168.0.4").withLabel("iface", iface));
        m.list.add(Metric.info("SUBNET", "255.255.255.0").withLabel("iface", iface));
        m.list.add(Metric.counter("BYTES_IN", bytesIn, "B").withLabel("iface", iface));
        m.list.add(Metric.gauge("BYTES_IN_RATE", 1234.5678, "B/s").withLabel("iface", iface));
        return m;
    }

    private Result run(String line) throws Exception {
        return Result.of(get, InternalRequest.of(line));
    }

    private static List<String> lines(Result r) {
        return r.records().stream().map(Record::toString).toList();
    }

    private static ErrorCode code(Result r) {
        return r.error().orElseThrow(() -> new AssertionError("expected an error, got " + r)).code();
    }

    @Test
    void getLoadIsOneRecordInTheSeedsKeys() throws Exception {
        assertThat(lines(run("get load"))).containsExactly("(LOAD:0.52)(LOAD5:0.4)(LOAD15:0.33)");
    }

    @Test
    void getNetloadIfaceIsOneRecordLabelFirst() throws Exception {
        assertThat(lines(run("get netload eth0"))).containsExactly("(IFACE:eth0)(IFACE_FLAGS:up,promisc,allmulti,mcast)"
                + "(ADDRESS:192.168.0.4)(SUBNET:255.255.255.0)(BYTES_IN:89121)(BYTES_IN_RATE:1234.57)");
    }

    @Test
    void getNetloadAloneGivesOneRecordPerInterface() throws Exception {
        assertThat(lines(run("get netload"))).extracting(l -> l.substring(0, l.indexOf(')') + 1))
                .containsExactly("(IFACE:eth0)", "(IFACE:lo)");
        assertThat(lines(run("get netload *"))).hasSize(2);
    }

    @Test
    void unknownSelectorIsNotFoundInTheUsersWords() throws Exception {
        Result r = run("get netload eth9");
        assertThat(code(r)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(r.error().get()).hasMessage("no interface eth9");
    }

    @Test
    void nodeWideAndPerCpuRecords() throws Exception {
        assertThat(lines(run("get cpu"))).containsExactly("(USER:12.35)(COUNT:2)", "(CPU:0)(USER:3)",
                "(CPU:1)(USER:21.69)");
        // a number after a selectable source is the selector, not a node
        assertThat(lines(run("get cpu 1"))).containsExactly("(CPU:1)(USER:21.69)");
    }

    @Test
    void errorsOfTheRequest() throws Exception {
        assertThat(code(run("get nosuch"))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(code(run("get load eth0"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(run("get netload eth0 ALL extra"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(run("get proc"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(run("get -d"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(run("get load 3-1"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(run("get load 1-99999"))).isEqualTo(ErrorCode.TOO_LARGE);
    }

    @Test
    void failedSampleWithoutValuesIsUnavailableWithTheReason() throws Exception {
        sources.add("disk", "disk", List.of(), Optional.of("timed out after 5 s"));
        Result r = run("get disk");
        assertThat(code(r)).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(r.error().get()).hasMessage("disk: timed out after 5 s");
    }

    @Test
    void staleSampleShowsItsValuesAndWhyTheyAreOld() throws Exception {
        sources.add("mem", "", List.of(Metric.gauge("MEM_FREE", 100L, "B")), Optional.of("timed out after 5 s"));
        assertThat(lines(run("get mem"))).containsExactly("(MEM_FREE:100)", "(STALE:timed out after 5 s)");
    }

    @Test
    void getAloneListsTheSourcesAndProc() throws Exception {
        List<String> rows = lines(run("get"));
        assertThat(rows).contains("(SOURCE:netload)(SELECTOR:iface)(INTERVAL:1)(DESCRIPTION:netload things)");
        assertThat(rows.get(rows.size() - 1)).startsWith("(SOURCE:proc)(SELECTOR:FILE)");
    }

    @Test
    void describeGivesTypesAndUnits() throws Exception {
        assertThat(lines(run("get -d netload"))).contains("(KEY:BYTES_IN)(TYPE:COUNTER)(UNIT:B)(LABELS:iface)",
                "(KEY:BYTES_IN_RATE)(TYPE:GAUGE)(UNIT:B/s)(LABELS:iface)");
    }

    @Test
    void psIsATableSortedByTheChosenKeyAndCapped() throws Exception {
        List<Metric> m = new ArrayList<>(List.of(Metric.gauge("PROCESSES", 3, ""), Metric.gauge("THREADS", 9, "")));
        proc(m, 10, "java", 50.0, 1.0);
        proc(m, 20, "postgres", 5.0, 30.0);
        proc(m, 30, "sshd", 0.0, 0.5);
        sources.add("ps", "pid", m);

        assertThat(lines(run("get ps mem 2"))).containsExactly("(PROCESSES:3)(THREADS:9)",
                "(PID:20)(USER:root)(CPU:5)(MEM:30)(RSS:300)(STATE:SLEEPING)(NAME:postgres)",
                "(PID:10)(USER:root)(CPU:50)(MEM:1)(RSS:10)(STATE:SLEEPING)(NAME:java)");
        assertThat(lines(run("get ps")).get(1)).contains("(NAME:java)");
        assertThat(lines(run("get ps 1"))).hasSize(2);
        assertThat(lines(run("get ps cpu 999"))).hasSize(4);
    }

    private static void proc(List<Metric> m, int pid, String name, double cpu, double mem) {
        String p = Integer.toString(pid);
        m.add(Metric.info("USER", "root").withLabel("pid", p));
        m.add(Metric.gauge("CPU", cpu, "%").withLabel("pid", p));
        m.add(Metric.gauge("MEM", mem, "%").withLabel("pid", p));
        m.add(Metric.gauge("RSS", (long) (mem * 10), "B").withLabel("pid", p));
        m.add(Metric.info("STATE", "SLEEPING").withLabel("pid", p));
        m.add(Metric.info("NAME", name).withLabel("pid", p));
    }

    @Test
    void clusterQueriesNeedACluster() throws Exception {
        Result r = run("get load ALL");
        assertThat(code(r)).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(r.error().get()).hasMessage("cluster queries need gomd.rgs");
    }

    /** Nodes 1 and 3 answer with this node's own get; node 2 does not answer. */
    private final class FakeCluster implements Cluster {
        final List<String> lines = new ArrayList<>();
        final List<Set<Integer>> asked = new ArrayList<>();

        @Override
        public List<NodeInfo> nodes() {
            return List.of(node(1), node(2), node(3));
        }

        @Override
        public Map<NodeInfo, Result> ask(Collection<NodeInfo> nodes, String line, Duration timeout) {
            lines.add(line);
            asked.add(nodes.stream().map(NodeInfo::number).collect(java.util.stream.Collectors.toSet()));
            Map<NodeInfo, Result> out = new LinkedHashMap<>();
            for (NodeInfo n : nodes) {
                try {
                    out.put(n, n.number() == 2 ? Result.failed(ErrorCode.TIMEOUT, "no answer within 3 s")
                            : Result.of(get, InternalRequest.of(line)));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            return out;
        }

        private NodeInfo node(int n) {
            return new NodeInfo(n, "node" + n, InetAddress.getLoopbackAddress(), 21000 + n, NodeInfo.State.ALIVE,
                    Set.of("gomd.core"), Instant.EPOCH);
        }
    }

    @Test
    void getLoadAllGivesOneRecordPerNodeAndMinus101ForTheSilentOne() throws Exception {
        FakeCluster cluster = new FakeCluster();
        get.cluster = cluster;

        assertThat(lines(run("get load ALL"))).containsExactly(
                "(LOAD_OF_NODE_#1:0.52)(LOAD5_OF_NODE_#1:0.4)(LOAD15_OF_NODE_#1:0.33)",
                "(LOAD_OF_NODE_#2:-101)",
                "(LOAD_OF_NODE_#3:0.52)(LOAD5_OF_NODE_#3:0.4)(LOAD15_OF_NODE_#3:0.33)");
        assertThat(cluster.lines).containsExactly("get load");
    }

    @Test
    void nodeSetAsksOnlyThoseNodesWithTheSelectorAndUnknownNodesGetMinus101() throws Exception {
        FakeCluster cluster = new FakeCluster();
        get.cluster = cluster;

        assertThat(lines(run("get netload lo 2-3,7"))).containsExactly(
                "(NETLOAD_OF_NODE_#2:-101)",
                "(IFACE_OF_NODE_#3:lo)(IFACE_FLAGS_OF_NODE_#3:up,loopback,running)(ADDRESS_OF_NODE_#3:127.0.0.1)"
                        + "(SUBNET_OF_NODE_#3:255.255.255.0)(BYTES_IN_OF_NODE_#3:3193)(BYTES_IN_RATE_OF_NODE_#3:1234.57)",
                "(NETLOAD_OF_NODE_#7:-101)");
        assertThat(cluster.lines).containsExactly("get netload lo");
        assertThat(cluster.asked).containsExactly(Set.of(2, 3));
    }

    @Test
    void aSourceThisNodeLacksCanStillBeAskedClusterWide() throws Exception {
        FakeCluster cluster = new FakeCluster();
        get.cluster = cluster;
        assertThat(lines(run("get sensors 1"))).containsExactly("(SENSORS_OF_NODE_#1:-101)");
        assertThat(cluster.lines).containsExactly("get sensors");
    }

    @Test
    void procTextIsPrefixedByNodeClusterWide() throws Exception {
        FakeCluster cluster = new FakeCluster();
        get.cluster = cluster;
        get.proc = new ProcReader(java.nio.file.Path.of("src/test/resources/proc"));
        Result r = run("get proc loadavg 1");
        assertThat(r.lines()).containsExactly("node #1: 0.52 0.40 0.33 1/123 4567");
        assertThat(cluster.lines).containsExactly("get proc loadavg");
    }
}
