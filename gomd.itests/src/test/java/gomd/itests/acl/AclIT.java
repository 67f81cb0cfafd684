package gomd.itests.acl;

import static gomd.itests.acl.Callers.CHANGE_TIMEOUT;
import static gomd.itests.acl.Callers.LOOPBACK_1;
import static gomd.itests.acl.Callers.LOOPBACK_2;
import static gomd.itests.acl.Callers.LOOPBACK_3;
import static gomd.itests.acl.Callers.admitted;
import static gomd.itests.acl.Callers.await;
import static gomd.itests.acl.Callers.linesUntilClosed;
import static gomd.itests.acl.Callers.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import gomd.itests.harness.Answer;
import gomd.itests.harness.GomdConsole;
import gomd.itests.harness.GomdNode;
import gomd.itests.harness.GomdNodes;

/**
 * gomd.acl in a real node: the rulebook decides who connects and what runs, a rewrite applies to
 * the next command of a session already open, and removing the feature falls back to core's
 * loopback-only default, never to "allow all". Linux routes all of 127.0.0.0/8 to loopback, so
 * a client bound to 127.0.0.2 is a second caller address on the same host.
 */
class AclIT {

    /** What a refused caller gets: this one line, then the connection closes (docs/PROTOCOL.md). */
    static final List<String> REFUSAL = List.of("(ERROR:DENIED)(MESSAGE:access denied)");
    static final String RULEBOOK = "etc/gomd/acl.conf";

    @RegisterExtension
    final GomdNodes nodes = new GomdNodes();

    @Test
    void theRulebookDecidesAndARewriteAppliesToTheNextCommand() throws Exception {
        GomdNode node = nodes.start(nodes.builder("rulebook", 24100)
                .feature("gomd-acl")
                .file(RULEBOOK, "# only the first loopback address\n127.0.0.1/32:ACL_FULL_CONTROL\n"));
        awaitAclActive(node);

        // The example: this rulebook serves 127.0.0.1 and refuses every other caller.
        assertThat(linesUntilClosed(node, LOOPBACK_2)).isEqualTo(REFUSAL);
        try (GomdConsole admin = session(node, LOOPBACK_1)) {
            Answer load = admin.ask("get load");
            assertThat(load.ok()).as(load.toString()).isTrue();
            Answer list = admin.ask("acl");
            assertThat(list.ok()).as(list.toString()).isTrue();
            assertThat(list.records().get(0)).containsEntry("RULEBOOK", node.home().resolve(RULEBOOK).toString())
                    .containsEntry("RULES", "1").containsEntry("STATE", "loaded");
            assertThat(list.records().get(1)).containsEntry("LINE", "2")
                    .containsEntry("RULE", "127.0.0.1/32:ACL_FULL_CONTROL")
                    .containsEntry("ALLOW", "STATS_READ,EXEC_LOCAL,EXEC_CLUSTER,ADMIN");
            Map<String, String> check = admin.ask("acl check 127.0.0.2 get").values();
            assertThat(check).containsEntry("DECISION", "denied").containsEntry("CONNECT", "refused")
                    .containsEntry("RULE", "none");

            // A malformed rewrite is reported with file and line; the rules in force stay.
            node.writeFile(RULEBOOK, "127.0.0.1/32:ACL_FULL_CONTROL\n127.0.0.2/32:STATS_REED\n");
            await("the malformed rulebook is rejected", CHANGE_TIMEOUT,
                    () -> admin.ask("acl").value("STATE").startsWith("rejected: "));
            assertThat(admin.ask("acl").value("STATE"))
                    .contains(node.home().resolve(RULEBOOK) + ":2: unknown permission 'STATS_REED'");
            node.awaitLog(RULEBOOK + ":2: unknown permission 'STATS_REED'", Callers.TIMEOUT);
            assertThat(linesUntilClosed(node, LOOPBACK_2)).isEqualTo(REFUSAL);

            // A good rewrite: 127.0.0.2 may read, and 127.0.0.1 loses ADMIN. The session opened
            // under the old rules gets the new ones at its next command.
            node.writeFile(RULEBOOK, "127.0.0.1/32:STATS_READ\n127.0.0.2/32:STATS_READ\n");
            await("127.0.0.2 is admitted by the new rulebook", CHANGE_TIMEOUT, () -> admitted(node, LOOPBACK_2));
            Answer denied = admin.ask("acl");
            assertThat(denied.body()).isEmpty();
            assertThat(denied.terminator()).isEqualTo("(ERROR:DENIED)(MESSAGE:denied)");
            assertThat(admin.ask("get load").ok()).isTrue();
            node.awaitLog("denied command 'acl' (ADMIN) to 127.0.0.1", Callers.TIMEOUT);
        }
        try (GomdConsole second = session(node, LOOPBACK_2)) {
            assertThat(second.ask("get load").ok()).isTrue();
            assertThat(second.ask("acl").errorCode()).isEqualTo("DENIED");
        }
        assertThat(linesUntilClosed(node, LOOPBACK_3)).isEqualTo(REFUSAL);
        node.awaitLog("denied connection to 127.0.0.3", Callers.TIMEOUT);
    }

    @Test
    void theKarafShellListsAndChecksTheRules() throws Exception {
        GomdNode node = nodes.start(nodes.builder("shell", 24200)
                .feature("gomd-acl")
                .file(RULEBOOK, "127.0.0.1/32:ACL_FULL_CONTROL\n10.0.0.0/8:STATS_READ,-ADMIN\n"));
        awaitAclActive(node);

        GomdNode.ShellResult list = node.karaf("gomd:acl list");
        assertThat(list.ok()).as(list.output()).isTrue();
        assertThat(list.output()).contains("127.0.0.1/32:ACL_FULL_CONTROL", "10.0.0.0/8:STATS_READ,-ADMIN",
                node.home().resolve(RULEBOOK).toString());

        GomdNode.ShellResult check = node.karaf("gomd:acl check 10.1.2.3 acl");
        assertThat(check.ok()).as(check.output()).isTrue();
        assertThat(check.output()).contains("denied", RULEBOOK + ":2", "ADMIN");
    }

    /**
     * Installing gomd-acl at runtime puts the rulebook in force; uninstalling it brings back
     * core's loopback-only default. What tells "loopback-only" from "allow all" is a caller that
     * is not loopback: this host's own address, connected to the node's 127.0.0.1 console. The
     * rulebook serves that caller; after the uninstall the very same caller is refused, while
     * 127.0.0.3 (which the rulebook refused) is served again: the default is back, not the stale
     * rulebook and not "allow all".
     */
    @Test
    void installAndUninstallAtRuntimeNeverFallsBackToAllowAll() throws Exception {
        Optional<InetAddress> outside = Callers.nonLoopbackSource();
        assumeTrue(outside.isPresent(), "needs a non-loopback IPv4 address on this host to call from");
        InetAddress remote = outside.get();
        GomdNode node = nodes.start(nodes.builder("runtime", 24300)
                .file(RULEBOOK, "127.0.0.1/32:ACL_FULL_CONTROL\n" + remote.getHostAddress() + "/32:STATS_READ\n"));

        // Core alone: every loopback caller is served, the non-loopback one refused with one line.
        assertThat(admitted(node, LOOPBACK_3)).isTrue();
        assertThat(linesUntilClosed(node, remote)).isEqualTo(REFUSAL);
        assertThat(node.ask("acl").errorCode()).isEqualTo("UNKNOWN_COMMAND");

        GomdNode.ShellResult install = node.karaf("feature:install gomd-acl");
        assertThat(install.ok()).as(install.output()).isTrue();
        awaitAclActive(node);
        assertThat(linesUntilClosed(node, LOOPBACK_3)).isEqualTo(REFUSAL);
        try (GomdConsole c = session(node, remote)) {
            assertThat(c.ask("get load").ok()).isTrue();
            assertThat(c.ask("acl").errorCode()).isEqualTo("DENIED");
        }

        GomdNode.ShellResult uninstall = node.karaf("feature:uninstall gomd-acl");
        assertThat(uninstall.ok()).as(uninstall.output()).isTrue();
        await("127.0.0.3 is served by core's default again", CHANGE_TIMEOUT, () -> admitted(node, LOOPBACK_3));
        assertThat(linesUntilClosed(node, remote)).isEqualTo(REFUSAL);
        assertThat(node.ask("acl").errorCode()).isEqualTo("UNKNOWN_COMMAND");
    }

    /** Waits until gomd.acl has put the rulebook file in force (its acl command says so). */
    private static void awaitAclActive(GomdNode node) throws Exception {
        await("gomd.acl has loaded the rulebook", CHANGE_TIMEOUT, () -> {
            Answer a = node.ask("acl");
            return a.ok() && a.value("STATE").equals("loaded");
        });
    }
}
