package gomd.scx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gomd.core.api.Cluster;
import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;
import gomd.core.api.NodeInfo;
import gomd.core.api.Record;
import gomd.core.api.Result;

/** cwc across in-process nodes: node #1 relays, #2 and #3 run scx-run behind a {@link LoopChannel}. */
class CwcCommandTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final String ALLOW_ECHO = "echo *:SCX_NO_ACL_CHECK_REQUIRED\n";

    @TempDir
    Path root;

    private final List<ScxEngine> engines = new ArrayList<>();
    private final LoopChannel channel = new LoopChannel();
    private final List<NodeInfo> members = new ArrayList<>();
    private final CwcCommand cwc = new CwcCommand();
    private Path hang;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(root.resolve("bin"));
        hang = root.resolve("bin/hang");
        Files.writeString(hang, "#!/bin/sh\necho $$\nsleep 300 &\necho $!\nwait\n");
        Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwx------"));
        String policy = ALLOW_ECHO + hang + ":SCX_NO_ACL_CHECK_REQUIRED\nfalse:SCX_NO_ACL_CHECK_REQUIRED\n";
        node(1, policy, TestNodes.KEY);
        node(2, policy, TestNodes.KEY);
        node(3, "true:SCX_NO_ACL_CHECK_REQUIRED\n", TestNodes.KEY);
        cwc.engines = TestNodes.objects(engines.get(0));
        cwc.channel = channel;
        cwc.cluster = TestNodes.objects(new Cluster() {
            @Override
            public List<NodeInfo> nodes() {
                return List.copyOf(members);
            }

            @Override
            public Map<NodeInfo, Result> ask(Collection<NodeInfo> nodes, String line, Duration timeout) {
                throw new AssertionError("cwc streams through its NodeChannel");
            }
        });
    }

    @AfterEach
    void stop() {
        engines.forEach(ScxEngine::deactivate);
    }

    private ScxEngine node(int number, String policy, String key) throws Exception {
        Map<String, Object> props = new HashMap<>();
        props.put("cluster.key", key);
        props.put("exec.maxTimeout", 60);
        ScxEngine e = TestNodes.engine(root, number, policy, props);
        engines.add(e);
        channel.add(e);
        members.add(info(number, NodeInfo.State.ALIVE));
        return e;
    }

    private static NodeInfo info(int number, NodeInfo.State state) {
        return new NodeInfo(number, "n" + number, LOOPBACK, 26000 + number, state, Set.of("gomd.scx"), Instant.EPOCH);
    }

    private Result cwc(String args) throws CommandException {
        return cwcFrom(args, LOOPBACK);
    }

    private Result cwcFrom(String args, InetAddress caller) throws CommandException {
        return TestNodes.run(cwc, TestNodes.request("cwc " + args, caller));
    }

    private static Map<String, String> outcome(Result r, int node) {
        return r.records().stream().filter(rec -> String.valueOf(node).equals(rec.get("NODE"))).findFirst()
                .map(Record::fields).orElseThrow(() -> new AssertionError("no record for node " + node + " in " + r));
    }

    private static Map<String, String> totals(Result r) {
        return r.records().stream().filter(rec -> rec.get("NODES") != null).findFirst().orElseThrow().fields();
    }

    @Test
    void reachesEveryNodeAndEachDecidesForItself() throws Exception {
        Result r = cwc("echo hello world");
        assertThat(r.lines()).containsSubsequence(
                "- postponing local node",
                "- sending cmd request (exec cmd echo hello world) to: 127.0.0.1 (node #2)",
                "- sending cmd request (exec cmd echo hello world) to: 127.0.0.1 (node #3)",
                "- waiting for process output from remote gomd",
                "- running cmd (exec cmd echo hello world) on the local node (node #1)");
        assertThat(r.lines()).contains("node#1: hello world", "node#2: hello world")
                .doesNotContain("node#3: hello world");
        assertThat(r.lines()).endsWith("- end of remote process output.", "- exit code 0: node#1-2",
                "- refused: node#3: not allowed by the SCX policy of node #3");
        assertThat(outcome(r, 1)).containsEntry("STATE", "EXITED").containsEntry("EXIT", "0")
                .containsEntry("NAME", "n1");
        assertThat(outcome(r, 2)).containsEntry("STATE", "EXITED").containsEntry("EXIT", "0")
                .containsEntry("BYTES", "12");
        assertThat(outcome(r, 3)).containsEntry("STATE", "REFUSED").containsEntry("EXIT", "");
        assertThat(totals(r)).containsEntry("NODES", "3").containsEntry("EXIT_0", "2").containsEntry("REFUSED", "1");
        assertThat(r.error().orElseThrow().code()).isEqualTo(ErrorCode.FAILED);
        assertThat(r.error().orElseThrow().getMessage()).isEqualTo("1 of 3 nodes did not exit 0");
    }

    @Test
    void allNodesExitingZeroIsOk() throws Exception {
        Result r = cwc("-x 3 echo hi");
        assertThat(r.isOk()).isTrue();
        assertThat(totals(r)).containsEntry("NODES", "2").containsEntry("EXIT_0", "2");
    }

    @Test
    void nodeSelection() throws Exception {
        assertThat(cwc("-w 2 echo x").lines()).contains("node#2: x").doesNotContain("node#1: x")
                .doesNotContain("- postponing local node");
        assertThat(cwc("-w n1,n2 -x 1 echo x").records()).extracting(rec -> rec.get("NODE")).contains("2")
                .doesNotContain("1", "3");
        assertThat(cwc("--no-local -w 1-2 echo x").lines()).contains("node#2: x").doesNotContain("node#1: x");
        assertThat(cwc("-w 9,n7 echo x").error().orElseThrow().getMessage()).isEqualTo("no such node: 9,n7");
        assertThat(cwc("-w 1 --no-local echo x").error().orElseThrow().code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(cwc("-f 999 echo x").error().orElseThrow().code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void gatherPutsIdenticalOutputInOneBlock() throws Exception {
        Result r = cwc("-b -x 3 echo same");
        assertThat(r.lines()).containsSubsequence(ClusterOutput.SEPARATOR, "node#1-2 (2)", ClusterOutput.SEPARATOR,
                "same",
                "- end of remote process output.");
        assertThat(r.lines()).doesNotContain("node#1: same", "node#2: same");
    }

    @Test
    void exitCodesAreSummarised() throws Exception {
        Result r = cwc("-x 3 false");
        assertThat(r.lines()).contains("- exit code 1: node#1-2");
        assertThat(outcome(r, 2)).containsEntry("STATE", "EXITED").containsEntry("EXIT", "1");
        assertThat(totals(r)).containsEntry("EXIT_NONZERO", "2");
    }

    @Test
    void downUnreachableAndKeylessNodesAreReported() throws Exception {
        members.add(info(4, NodeInfo.State.FAILED));
        members.add(info(5, NodeInfo.State.ALIVE)); // no such daemon: the channel cannot connect
        Result r = cwc("-x 3 echo hi");
        assertThat(outcome(r, 4)).containsEntry("STATE", "DOWN");
        assertThat(outcome(r, 5)).containsEntry("STATE", "FAILED").containsEntry("MESSAGE", "connection refused");
        assertThat(r.lines()).contains("node#1: hi", "node#2: hi", "- failed: node#5: connection refused");
        assertThat(channel.sent).noneMatch(l -> l.startsWith("scx-run 1 1 4 ")); // nothing sent to the DOWN node
    }

    @Test
    void aNodeWithAnotherKeyRefusesAndOneWithoutAKeyCannotSend() throws Exception {
        engines.get(1).modified(TestNodes.config(Map.of("cluster.key", "a different key of this cluster!")));
        Result r = cwc("-x 3 echo hi");
        assertThat(outcome(r, 2)).containsEntry("STATE", "REFUSED").containsEntry("MESSAGE", "bad signature");

        engines.get(0).modified(TestNodes.config(Map.of()));
        Result keyless = cwc("-x 3 echo hi");
        assertThat(outcome(keyless, 2)).containsEntry("STATE", "FAILED")
                .containsEntry("MESSAGE", "no cluster key on node #1: remote execution is off");
        assertThat(outcome(keyless, 1)).containsEntry("STATE", "EXITED");
    }

    @Test
    void keyFileIsUsedWhenNoKeyIsConfigured() throws Exception {
        ScxEngine relay = engines.get(0);
        relay.modified(TestNodes.config(Map.of()));
        assertThat(relay.hasClusterKey()).isFalse();
        Files.writeString(root.resolve("node1/etc/gomd/cluster.key"), TestNodes.KEY + "\n");
        relay.refresh();
        assertThat(relay.hasClusterKey()).isTrue();
        assertThat(outcome(cwc("-w 2 echo hi"), 2)).containsEntry("STATE", "EXITED");
        Files.writeString(root.resolve("node1/etc/gomd/cluster.key"), "short\n");
        relay.refresh();
        assertThat(relay.hasClusterKey()).as("a key under 16 bytes is refused").isFalse();
    }

    @Test
    void replayedOrRedirectedSignedRequestsAreRefused() throws Exception {
        assertThat(cwc("-w 2 echo once").isOk()).isTrue();
        String line = channel.sent.get(0);
        Result replayed = channel.deliver(2, line, item -> { }, () -> false);
        assertThat(replayed.error().orElseThrow().code()).isEqualTo(ErrorCode.DENIED);
        assertThat(replayed.error().orElseThrow().getMessage()).isEqualTo("replayed request");
        Result redirected = channel.deliver(3, line, item -> { }, () -> false);
        assertThat(redirected.error().orElseThrow().getMessage()).isEqualTo("request signed for node #2");
        Result unsigned = channel.deliver(2, "scx-run 1 1 2 127.0.0.1 me 0 00 0 x echo hi", item -> { }, () -> false);
        assertThat(unsigned.error().orElseThrow().code()).isEqualTo(ErrorCode.BAD_REQUEST);
        String forged = line.replace(" echo once", " echo twice");
        assertThat(channel.deliver(2, forged, item -> { }, () -> false).error().orElseThrow().getMessage())
                .isEqualTo("bad signature");
    }

    @Test
    void staleSignedRequestsAreRefused() throws Exception {
        SigningTest.MutableClock late = new SigningTest.MutableClock(Instant.now().plus(Duration.ofMinutes(5)));
        ScxEngine n2 = engines.get(1);
        n2.clock = late;
        n2.modified(TestNodes.config(Map.of("cluster.key", TestNodes.KEY, "signature.window", 30)));
        Result r = cwc("-w 2 echo hi");
        assertThat(outcome(r, 2)).containsEntry("STATE", "REFUSED")
                .containsEntry("MESSAGE", "stale request (time stamp more than 30 s from the clock of node #2)");
    }

    @Test
    void theOriginalCallerIsJudgedByEveryNode() throws Exception {
        // node #2 has no gomd.acl: only loopback callers; the relay is loopback, the caller is not
        Result r = cwcFrom("-w 1-2 echo hi", InetAddress.getByName("192.0.2.10"));
        assertThat(outcome(r, 2)).containsEntry("STATE", "REFUSED");
        assertThat(r.lines()).doesNotContain("node#2: hi");
    }

    @Test
    void hangingCommandIsKilledAtItsTimeoutOnEveryNode() throws Exception {
        Result r = cwc("-t 1 -x 3 " + hang);
        assertThat(outcome(r, 1)).containsEntry("STATE", "TIMEOUT").containsEntry("EXIT", "137");
        assertThat(outcome(r, 2)).containsEntry("STATE", "TIMEOUT")
                .containsEntry("MESSAGE", "killed at its timeout of 1 s");
        assertThat(r.lines()).contains("- timeout: node#1: killed at its timeout of 1 s");
        List<String> pids = r.lines().stream().filter(l -> l.matches("node#\\d: \\d+"))
                .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        assertThat(pids).hasSize(4).allSatisfy(pid ->
                assertThat(ProcessTree.isRunning(Long.parseLong(pid))).as("pid %s", pid).isFalse());
        assertThat(r.error().orElseThrow().getMessage()).isEqualTo("2 of 2 nodes did not exit 0");
    }

    @Test
    void whenTheCallerGoesAwayEveryNodeStops() throws Exception {
        TestNodes.ClosingReply reply = new TestNodes.ClosingReply(
                line -> line.matches("node#\\d: \\d+") && line.startsWith("node#2"));
        assertThatThrownBy(() -> cwc.execute(TestNodes.request("cwc -t 60 -x 3 " + hang, LOOPBACK), reply))
                .hasMessage("2 of 2 nodes did not exit 0");
        assertThat(reply.records).filteredOn(rec -> rec.get("NODE") != null).hasSize(2).allSatisfy(rec ->
                assertThat(rec.fields()).containsEntry("STATE", "FAILED")
                        .containsEntry("MESSAGE", "cancelled: the caller went away"));
        List<String> pids = reply.lines.stream().filter(l -> l.matches("node#\\d: \\d+"))
                .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        assertThat(pids).isNotEmpty().allSatisfy(pid ->
                assertThat(ProcessTree.isRunning(Long.parseLong(pid))).as("pid %s", pid).isFalse());
    }

    @Test
    void withoutMembershipOnlyTheLocalNodeRuns() throws Exception {
        cwc.cluster = null;
        Result r = cwc("echo solo");
        assertThat(r.lines()).containsExactly("- no cluster membership (gomd.rgs is not running): local node only",
                "- running cmd (exec cmd echo solo) on the local node (node #1)", "node#1: solo",
                "- exit code 0: node#1");
        assertThat(r.isOk()).isTrue();
    }

    @Test
    void totalOutputIsBounded() throws Exception {
        for (ScxEngine e : engines) {
            e.modified(TestNodes.config(Map.of("cluster.key", TestNodes.KEY, "output.maxBytesPerNode", 1024,
                    "output.maxBytesTotal", 1500)));
        }
        Files.writeString(root.resolve("node1/etc/gomd/scx.conf"), "seq *:SCX_NO_ACL_CHECK_REQUIRED\n");
        Files.writeString(root.resolve("node2/etc/gomd/scx.conf"), "seq *:SCX_NO_ACL_CHECK_REQUIRED\n");
        engines.forEach(ScxEngine::refresh);
        Result r = cwc("-x 3 -f 1 seq 1000");
        long cut = r.lines().stream().filter(l -> l.contains("[gomd: output cut")).count();
        assertThat(cut).isEqualTo(2);
        assertThat(r.lines()).anyMatch(l -> l.endsWith("more than 1500 bytes from all nodes]"));
        assertThat(outcome(r, 1)).containsEntry("CUT", "yes").containsEntry("EXIT", "0");
        assertThat(outcome(r, 2)).containsEntry("CUT", "yes").containsEntry("EXIT", "0");
    }
}
