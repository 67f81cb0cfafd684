package gomd.itests.rgs;

import static gomd.itests.rgs.ClusterView.SETTLE;
import static gomd.itests.rgs.ClusterView.awaitNodes;
import static gomd.itests.rgs.ClusterView.key;
import static gomd.itests.rgs.ClusterView.nodes;
import static gomd.itests.rgs.ClusterView.perNode;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import gomd.itests.harness.Answer;
import gomd.itests.harness.GomdNode;
import gomd.itests.harness.GomdNodes;

/**
 * gomd.rgs end to end: three daemons on loopback with the unicast stack and a cluster key,
 * then a failure, a restart, a restart with only the cache file, a stranger without the key and
 * a node number clash. The tests run in order on the same nodes (ports 25200-25249).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RgsClusterIT {

    static final String KEY_FILE = "etc/gomd/cluster.key";
    static final String SEEDS = "127.0.0.1:25200,127.0.0.1:25210";
    /** The configured failure detection time (short for the test, long enough for a loaded CI machine). */
    static final Duration FAILURE_TIMEOUT = Duration.ofSeconds(5);

    @RegisterExtension
    static final GomdNodes nodes = new GomdNodes();

    static GomdNode a;
    static GomdNode b;
    static GomdNode c;

    /** A member of the test cluster: unicast stack, the shared key, 3 s failure detection. */
    static GomdNode.Builder member(String name, int port, int number) {
        return nodes.builder(name, port)
                .feature("gomd-rgs")
                .nodeId(number)
                .file(KEY_FILE, "rgs-itest-secret\n")
                .option("--stack", "unicast")
                .option("--failure-timeout", Long.toString(FAILURE_TIMEOUT.toMillis()));
    }

    static Map<String, String> allAlive() {
        return Map.of(key(a, 1), "ALIVE", key(b, 2), "ALIVE", key(c, 3), "ALIVE");
    }

    @Test
    @Order(1)
    void threeDaemonsFindEachOtherAndGetAllListsThemAll() throws Exception {
        a = nodes.start(member("a", 25200, 1).option("--seeds", SEEDS));
        b = nodes.start(member("b", 25210, 2).option("--seeds", SEEDS));
        c = nodes.start(member("c", 25220, 3).option("--seeds", SEEDS));

        for (GomdNode n : List.of(a, b, c)) {
            awaitNodes(n, allAlive(), SETTLE);
        }
        Answer all = a.ask("get load ALL");
        assertThat(all.ok()).as(all.toString()).isTrue();
        assertThat(perNode(all, "LOAD")).containsOnlyKeys(1, 2, 3).allSatisfy((n, v) -> assertThat(v).matches("[0-9.]+"));

        Answer whois = b.ask("whois 3");
        assertThat(whois.records()).hasSize(1);
        assertThat(whois.records().get(0)).containsEntry("ADDRESS", "127.0.0.1").containsEntry("CONSOLE_PORT", "25220")
                .containsEntry("STATE", "ALIVE");
        assertThat(whois.records().get(0).get("FEATURES")).contains("gomd.rgs");

        // the cache file of known daemons lists the other two, with their membership port
        assertThat(Files.readAllLines(a.home().resolve("data/gomd/knownGomds.conf")))
                .anyMatch(l -> l.startsWith("127.0.0.1 25210 25214 2 "))
                .anyMatch(l -> l.startsWith("127.0.0.1 25220 25224 3 "));
        a.awaitLog("console 127.0.0.1:25220) joined", SETTLE);
        a.awaitLog("[RGS] node #1 is in cluster 'gomd': unicast stack on 127.0.0.1:25204", SETTLE);
    }

    @Test
    @Order(2)
    void aKilledDaemonIsReportedFailedWithinTheFailureTimeAndAnswersMinus101() throws Exception {
        c.kill();
        Map<String, String> cFailed = Map.of(key(a, 1), "ALIVE", key(b, 2), "ALIVE", key(c, 3), "FAILED");
        // within the failure time, plus one second for the console round trips on a loaded machine
        awaitNodes(a, cFailed, FAILURE_TIMEOUT.plusSeconds(1));
        awaitNodes(b, cFailed, FAILURE_TIMEOUT.plusSeconds(1));

        Answer all = a.ask("get load ALL");
        assertThat(all.ok()).as(all.toString()).isTrue();
        Map<Integer, String> loads = perNode(all, "LOAD");
        assertThat(loads).containsEntry(3, "-101").containsOnlyKeys(1, 2, 3);
        assertThat(loads.get(1)).matches("[0-9.]+");
        assertThat(loads.get(2)).matches("[0-9.]+");
        a.awaitLog("console 127.0.0.1:25220) failed: no heartbeat", Duration.ofSeconds(10));
    }

    @Test
    @Order(3)
    void itRestartsAndRejoins() throws Exception {
        c.start();
        for (GomdNode n : List.of(a, b, c)) {
            awaitNodes(n, allAlive(), SETTLE);
        }
    }

    @Test
    @Order(4)
    void afterARestartWithoutSeedsTheCacheFileAloneBringsItBack() throws Exception {
        c.stop();
        Map<String, String> cLeft = Map.of(key(a, 1), "ALIVE", key(b, 2), "ALIVE", key(c, 3), "LEFT");
        awaitNodes(a, cLeft, SETTLE);
        assertThat(Files.readAllLines(c.home().resolve("data/gomd/knownGomds.conf")))
                .anyMatch(l -> l.startsWith("127.0.0.1 25200 25204 1 "))
                .anyMatch(l -> l.startsWith("127.0.0.1 25210 25214 2 "));

        c = nodes.start(member("c", 25220, 3)); // no --seeds: only data/gomd/knownGomds.conf knows the others
        for (GomdNode n : List.of(a, b, c)) {
            awaitNodes(n, allAlive(), SETTLE);
        }
        c.awaitLog("unicast stack on 127.0.0.1:25224, 2 known peers tried", SETTLE);
    }

    @Test
    @Order(5)
    void aDaemonWithoutTheClusterKeyIsNotAdmitted() throws Exception {
        GomdNode stranger = nodes.start(member("stranger", 25230, 4)
                .file(KEY_FILE, "not-the-secret\n")
                .option("--seeds", SEEDS));
        stranger.awaitLog("[RGS] node #4 is in cluster 'gomd'", SETTLE);
        a.awaitLog("[RGS] refused membership traffic from", SETTLE);

        assertThat(nodes(stranger)).isEqualTo(Map.of(key(stranger, 4), "ALIVE"));
        for (GomdNode n : List.of(a, b, c)) {
            assertThat(nodes(n)).as("nodes on " + n).isEqualTo(new TreeMap<>(allAlive()));
        }
        stranger.stop();
    }

    @Test
    @Order(6)
    void aNodeNumberClashIsReportedOnBothSides() throws Exception {
        GomdNode twin = nodes.start(member("twin", 25240, 2).option("--seeds", SEEDS));
        Map<String, String> clash = Map.of(key(a, 1), "ALIVE", key(b, 2), "CLASH", key(twin, 2), "CLASH",
                key(c, 3), "ALIVE");
        awaitNodes(b, clash, SETTLE);
        awaitNodes(twin, clash, SETTLE);
        awaitNodes(a, clash, SETTLE);
        b.awaitLog("[RGS] node number clash: node number #2 is used by", SETTLE);
        twin.awaitLog("[RGS] node number clash: node number #2 is used by", SETTLE);
        twin.stop();
        awaitNodes(b, Map.of(key(a, 1), "ALIVE", key(b, 2), "ALIVE", key(twin, 2), "LEFT", key(c, 3), "ALIVE"),
                SETTLE);
    }
}
