package gomd.itests.scx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import gomd.itests.harness.Answer;
import gomd.itests.harness.GomdConsole;
import gomd.itests.harness.GomdNode;
import gomd.itests.harness.GomdNodes;

/**
 * Three daemons on loopback with gomd.rgs (unicast seeds) and gomd.scx, one cluster key in
 * {@code etc/gomd/cluster.key}. Nodes #1 and #2 allow {@code echo *}; node #3 does not, so it
 * refuses. The node killed last stays down.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScxIT {

    private static final String KEY = "scx-itest-cluster-key-0123456789abcdef";
    private static final String SEEDS = "127.0.0.1:26000,127.0.0.1:26010,127.0.0.1:26020";
    private static final Duration MEMBERSHIP_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    static GomdNodes nodes = new GomdNodes();

    @TempDir
    static Path tmp;

    static Path hang;
    static GomdNode a;
    static GomdNode b;
    static GomdNode c;

    @BeforeAll
    static void startCluster() throws Exception {
        hang = tmp.resolve("hang");
        // prints its pid and a child's (also into the file $1 if given), then waits for the child
        Files.writeString(hang, "#!/bin/sh\nsleep 600 &\nchild=$!\necho $$\necho $child\n"
                + "[ -z \"$1\" ] || echo \"$$ $child\" > \"$1\"\nwait\n");
        Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwxr-xr-x"));
        String common = "true:SCX_NO_ACL_CHECK_REQUIRED\nsleep *:SCX_NO_ACL_CHECK_REQUIRED\n"
                + hang + " *:SCX_NO_ACL_CHECK_REQUIRED\n";
        a = nodes.start(node("a", 26000, 1, common + "echo *:SCX_NO_ACL_CHECK_REQUIRED\n"));
        b = nodes.start(node("b", 26010, 2, common + "echo *:SCX_NO_ACL_CHECK_REQUIRED\n"));
        c = nodes.start(node("c", 26020, 3, common));
        awaitMembers(a, 3);
    }

    private static GomdNode.Builder node(String name, int port, int id, String policy) {
        return nodes.builder(name, port).nodeId(id).feature("gomd-rgs", "gomd-scx").option("--seeds", SEEDS)
                .file("etc/gomd/scx.conf", policy).file("etc/gomd/cluster.key", KEY + "\n");
    }

    private static void awaitMembers(GomdNode node, int count) throws Exception {
        long deadline = System.nanoTime() + MEMBERSHIP_TIMEOUT.toNanos();
        Answer nodesAnswer;
        do {
            nodesAnswer = node.ask("nodes");
            if (nodesAnswer.records().stream().filter(r -> "ALIVE".equals(r.get("STATE"))).count() == count) {
                return;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("membership did not reach " + count + " nodes: " + nodesAnswer);
    }

    private static Map<String, String> outcome(Answer answer, int node) {
        return answer.records().stream().filter(r -> String.valueOf(node).equals(r.get("NODE"))).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for node " + node + " in " + answer));
    }

    /** Whether a process is still there and not a zombie. */
    private static boolean running(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> pidsIn(Answer answer) {
        return answer.text().stream().filter(l -> l.matches("node#\\d+: \\d+"))
                .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    }

    @Test
    @Order(1)
    void cwcReachesEveryNodeAndEachNodeAppliesItsOwnPolicy() throws Exception {
        Answer r = a.ask("cwc echo 'a;b' $(id)");
        assertThat(r.text()).contains("- postponing local node",
                "- sending cmd request (exec cmd echo a;b $(id)) to: 127.0.0.1 (node #2)",
                "- sending cmd request (exec cmd echo a;b $(id)) to: 127.0.0.1 (node #3)",
                "- waiting for process output from remote gomd",
                "node#1: a;b $(id)", "node#2: a;b $(id)", "- end of remote process output.",
                "- exit code 0: node#1-2", "- refused: node#3: not allowed by the SCX policy of node #3");
        assertThat(outcome(r, 1)).containsEntry("STATE", "EXITED").containsEntry("EXIT", "0");
        assertThat(outcome(r, 2)).containsEntry("STATE", "EXITED").containsEntry("EXIT", "0");
        assertThat(outcome(r, 3)).containsEntry("STATE", "REFUSED");
        assertThat(r.errorCode()).isEqualTo("FAILED");
        assertThat(r.errorMessage()).isEqualTo("1 of 3 nodes did not exit 0");

        Answer ok = b.ask("cwc -b -x 3 echo same");
        assertThat(ok.ok()).as(ok.toString()).isTrue();
        assertThat(ok.text()).containsSubsequence("---------------", "node#1-2 (2)", "---------------", "same");
    }

    @Test
    @Order(2)
    void aHangingCommandIsKilledAtItsTimeoutWithItsChildrenOnEveryNode() throws Exception {
        Answer r = a.ask("cwc -t 2 " + hang);
        for (int n = 1; n <= 3; n++) {
            assertThat(outcome(r, n)).as("node %d", n).containsEntry("STATE", "TIMEOUT").containsEntry("EXIT", "137");
        }
        List<String> pids = pidsIn(r);
        assertThat(pids).as(r.toString()).hasSize(6);
        assertThat(pids).allSatisfy(pid -> assertThat(running(pid)).as("pid %s", pid).isFalse());
    }

    @Test
    @Order(3)
    void signedRequestsAreCheckedForReplayAgeAndSignature() throws Exception {
        Signer signer = new Signer(KEY);
        String line = signer.line(1, 2, "127.0.0.1", System.currentTimeMillis(), 5000, "echo", "signed by the test");
        try (GomdConsole console = b.console()) {
            Answer first = console.ask(line);
            assertThat(first.ok()).as(first.toString()).isTrue();
            assertThat(first.text()).containsExactly("signed by the test");

            Answer replayed = console.ask(line);
            assertThat(replayed.errorCode()).isEqualTo("DENIED");
            assertThat(replayed.errorMessage()).isEqualTo("replayed request");
            assertThat(replayed.text()).isEmpty();

            Answer stale = console.ask(signer.line(1, 2, "127.0.0.1", System.currentTimeMillis() - 600_000, 5000,
                    "echo", "old"));
            assertThat(stale.errorCode()).isEqualTo("DENIED");
            assertThat(stale.errorMessage()).startsWith("stale request");

            Answer otherNode = console.ask(signer.line(1, 3, "127.0.0.1", System.currentTimeMillis(), 5000,
                    "echo", "x"));
            assertThat(otherNode.errorMessage()).isEqualTo("request signed for node #3");

            Answer wrongKey = console.ask(new Signer("some other key, 32 bytes long....").line(1, 2, "127.0.0.1",
                    System.currentTimeMillis(), 5000, "echo", "forged"));
            assertThat(wrongKey.errorCode()).isEqualTo("DENIED");
            assertThat(wrongKey.errorMessage()).isEqualTo("bad signature");
        }
    }

    @Test
    @Order(4)
    void karafShellCwcGivesTheSameResultAsTheConsole() throws Exception {
        Answer console = a.ask("cwc -x 3 echo parity");
        GomdNode.ShellResult shell = a.karaf("gomd:cwc -x 3 echo parity");
        assertThat(console.ok()).as(console.toString()).isTrue();
        assertThat(shell.ok()).as(shell.output()).isTrue();
        List<String> shellLines = shell.output().lines().map(String::strip).toList();
        assertThat(shellLines).containsAll(console.text());
        for (Map<String, String> record : console.records()) {
            for (String key : List.of("NODE", "NAME", "STATE", "EXIT", "CUT", "NODES", "EXIT_0")) {
                if (record.containsKey(key)) {
                    assertThat(shellLines).anyMatch(l -> l.matches(key + ": +" + Pattern.quote(record.get(key))));
                }
            }
        }
    }

    @Test
    @Order(5)
    void aNodeKilledMidRunIsReportedWhileTheOthersFinish() throws Exception {
        CompletableFuture<Answer> run = CompletableFuture.supplyAsync(() -> ask(a, "cwc -t 30 sleep 6"));
        Path pidFile = tmp.resolve("pids-on-c");
        CompletableFuture<Answer> hung =
                CompletableFuture.supplyAsync(() -> ask(a, "cwc -w 3 -t 3 " + hang + " " + pidFile));
        c.awaitLog("SCX: running sleep 6", Duration.ofSeconds(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(Files.exists(pidFile) && Files.readString(pidFile).strip().contains(" "))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> orphans = List.of(Files.readString(pidFile).strip().split(" "));
        c.kill();

        Answer r = run.get();
        assertThat(outcome(r, 1)).containsEntry("STATE", "EXITED").containsEntry("EXIT", "0");
        assertThat(outcome(r, 2)).containsEntry("STATE", "EXITED").containsEntry("EXIT", "0");
        assertThat(outcome(r, 3)).containsEntry("STATE", "FAILED");
        assertThat(outcome(r, 3).get("MESSAGE")).contains("connection closed");
        assertThat(r.text()).contains("- exit code 0: node#1-2");

        assertThat(outcome(hung.get(), 3)).containsEntry("STATE", "FAILED");
        // node #3's daemon is gone: the backstop (coreutils timeout, 2 s after -t) still kills its program
        assertThat(orphans).hasSize(2);
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (orphans.stream().anyMatch(ScxIT::running) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(orphans).allSatisfy(pid -> assertThat(running(pid)).as("pid %s", pid).isFalse());
    }

    private static Answer ask(GomdNode node, String line) {
        try {
            return node.ask(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
