package gomd.itests.rgs;

import static gomd.itests.rgs.ClusterView.SETTLE;
import static gomd.itests.rgs.ClusterView.awaitNodes;
import static gomd.itests.rgs.ClusterView.key;
import static gomd.itests.rgs.ClusterView.perNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import gomd.itests.harness.Answer;
import gomd.itests.harness.Distribution;
import gomd.itests.harness.GomdNode;
import gomd.itests.harness.GomdNodes;

/**
 * Real IP multicast: three network namespaces joined by a bridge (made by
 * src/test/resources/rgs/netns.sh, as root), one daemon in each with the default stack and no
 * seed list. They must find each other by multicast alone, and answer {@code get load ALL}
 * across the namespaces. Where namespaces cannot be made (not root, no CAP_NET_ADMIN) the test
 * is skipped and says why; in CI (CI=true), which runs as root, that is a failure.
 */
class RgsMulticastNetnsIT {

    static final int NODES = 3;
    static final int PORT = 25300;
    static final Path NETNS = Path.of("src/test/resources/rgs/netns.sh").toAbsolutePath();

    @RegisterExtension
    static final GomdNodes nodes = new GomdNodes();

    static final List<GomdNode> started = new ArrayList<>();

    @BeforeAll
    static void makeNamespaces() throws Exception {
        String uid = run(List.of("id", "-u")).output().strip();
        if (!uid.equals("0")) {
            abort("skipped: making network namespaces needs root (uid " + uid + ")");
        }
        Run up = run(List.of("bash", NETNS.toString(), "up", Integer.toString(NODES)));
        if (up.exitCode() != 0) {
            String why = "network namespaces cannot be made here: " + up.output().strip();
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            abort("skipped: " + why);
        }
    }

    @AfterAll
    static void removeNamespaces() throws Exception {
        started.forEach(GomdNode::close);
        run(List.of("bash", NETNS.toString(), "down", Integer.toString(NODES)));
    }

    /** node K runs in namespace gomdrgsK at 198.18.89.K, started through {@code ip netns exec}. */
    static GomdNode.Builder inNamespace(int k) throws IOException {
        Path launcher = nodes.home("launch").resolve("gomd-in-gomdrgs" + k);
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nexec ip netns exec gomdrgs" + k + " "
                + Distribution.home().resolve("bin/gomd") + " \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return nodes.builder("ns" + k, PORT)
                .launcher(launcher)
                .bind("198.18.89." + k)
                .feature("gomd-rgs", "gomd-acl")
                // the test JVM (198.18.89.254) and the other daemons are on the node's own subnet
                .file("etc/gomd/acl.conf", "LOCAL_SUBNET:ACL_FULL_CONTROL\n")
                .file("etc/gomd/cluster.key", "rgs-netns-secret\n");
    }

    @Test
    void daemonsInThreeNamespacesFindEachOtherByMulticastAlone() throws Exception {
        for (int k = 1; k <= NODES; k++) {
            started.add(nodes.start(inNamespace(k)));
        }
        // node numbers derived as omdiscd did: the last two octets of the address, (89 << 8) + K
        Map<String, String> all = new LinkedHashMap<>();
        for (int k = 1; k <= NODES; k++) {
            all.put(key(started.get(k - 1), (89 << 8) + k), "ALIVE");
        }
        for (GomdNode n : started) {
            awaitNodes(n, all, SETTLE);
            n.awaitLog("multicast stack on " + n.host() + ":" + (PORT + 4) + ", 0 known peers tried", SETTLE);
        }

        Answer loads = started.get(0).ask("get load ALL");
        assertThat(loads.ok()).as(loads.toString()).isTrue();
        assertThat(perNode(loads, "LOAD")).containsOnlyKeys(22785, 22786, 22787)
                .allSatisfy((n, v) -> assertThat(v).matches("[0-9.]+"));
    }

    record Run(int exitCode, String output) {
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Run(-1, command + " did not finish");
        }
        return new Run(p.exitValue(), out);
    }
}
