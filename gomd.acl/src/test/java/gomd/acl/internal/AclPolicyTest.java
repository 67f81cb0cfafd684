package gomd.acl.internal;

import static gomd.acl.internal.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gomd.core.api.Permission;

/**
 * Loading and reloading the rulebook file: only a fully parsed rulebook is ever put in force, a
 * bad one is reported with file and line, a missing one means the built-in loopback-only rules.
 * Reloads are driven by hand ({@code reload(false, ...)} is what the periodic check runs).
 */
class AclPolicyTest {

    private static final String SEED = "127.0.0.1/32:ACL_FULL_CONTROL\n";

    @TempDir
    Path home;
    private AclPolicy policy;
    private AclLoader loader;

    @AfterEach
    void stop() {
        if (loader != null) {
            loader.deactivate();
            policy.deactivate();
        }
    }

    private void start() {
        start(Fixtures.config("", 3600, 3600));
    }

    private void start(AclLoader.Config config) {
        Fixtures.Acl acl = Fixtures.start(home, config);
        policy = acl.policy();
        loader = acl.loader();
    }

    private boolean allows(String address, Permission p) {
        return policy.decide(ip(address), p, "test").allowed();
    }

    @Test
    void aMissingFileMeansLoopbackOnlyNeverAllowAll() {
        start();

        AclPolicy.State s = policy.state();
        assertThat(s.standing()).isEqualTo(AclPolicy.Standing.MISSING);
        assertThat(s.file()).isEqualTo(Fixtures.rulebook(home));
        assertThat(s.rulebook().source()).isEqualTo(Rulebook.BUILT_IN_SOURCE);
        assertThat(allows("127.0.0.1", Permission.ADMIN)).isTrue();
        assertThat(allows("127.0.0.2", Permission.EXEC_CLUSTER)).isTrue();
        assertThat(allows("::1", Permission.STATS_READ)).isTrue();
        assertThat(policy.admit(ip("192.0.2.1")).allowed()).isFalse();
        assertThat(allows("192.0.2.1", Permission.STATS_READ)).isFalse();
        assertThat(allows("2001:db8::1", Permission.STATS_READ)).isFalse();
    }

    @Test
    void readsTheFileAtStartAndPicksUpARewrite() throws Exception {
        Fixtures.write(home, SEED);
        start();
        assertThat(policy.state().standing()).isEqualTo(AclPolicy.Standing.LOADED);
        assertThat(policy.admit(ip("127.0.0.1")).allowed()).isTrue();
        assertThat(policy.admit(ip("127.0.0.2")).allowed()).isFalse();

        Fixtures.write(home, "127.0.0.2:STATS_READ\n");
        loader.reload(false, "file changed");
        assertThat(policy.admit(ip("127.0.0.1")).allowed()).isFalse();
        assertThat(allows("127.0.0.2", Permission.STATS_READ)).isTrue();
        assertThat(allows("127.0.0.2", Permission.ADMIN)).isFalse();
    }

    @Test
    void seesARewriteWithTheSameSizeAndModificationTime() throws Exception {
        Fixtures.write(home, "127.0.0.1:ACL_FULL_CONTROL\n");
        start();
        Path file = Fixtures.rulebook(home);
        FileTime mtime = Files.getLastModifiedTime(file);

        Fixtures.write(home, "127.0.0.2:ACL_FULL_CONTROL\n");
        Files.setLastModifiedTime(file, mtime);
        loader.reload(false, "file changed");

        assertThat(policy.admit(ip("127.0.0.2")).allowed()).isTrue();
        assertThat(policy.admit(ip("127.0.0.1")).allowed()).isFalse();
    }

    @Test
    void anUnchangedFileIsNotReloaded() throws Exception {
        Fixtures.write(home, SEED);
        start();
        Rulebook first = policy.state().rulebook();
        loader.reload(false, "file changed");
        assertThat(policy.state().rulebook()).isSameAs(first);
    }

    @Test
    void aMalformedRewriteIsReportedAndTheLastGoodRulesStay() throws Exception {
        Fixtures.write(home, SEED);
        start();
        Rulebook good = policy.state().rulebook();

        // The first line alone would be valid: nothing of a half-good file is applied.
        Fixtures.write(home, "127.0.0.2:ACL_FULL_CONTROL\n\n# comment\n127.0.0.3:ACL_FULL_CONTRL\n");
        AclPolicy.State s = loader.reload(false, "file changed");

        assertThat(s.standing()).isEqualTo(AclPolicy.Standing.REJECTED);
        assertThat(s.rulebook()).isSameAs(good);
        assertThat(s.problem()).startsWith(Fixtures.rulebook(home) + ":4: unknown permission 'ACL_FULL_CONTRL'")
                .endsWith("; the rules from " + Fixtures.rulebook(home) + " stay in force");
        assertThat(policy.admit(ip("127.0.0.2")).allowed()).isFalse();
        assertThat(policy.admit(ip("127.0.0.1")).allowed()).isTrue();

        Fixtures.write(home, "127.0.0.3:ACL_FULL_CONTROL\n");
        assertThat(loader.reload(false, "file changed").standing()).isEqualTo(AclPolicy.Standing.LOADED);
        assertThat(policy.admit(ip("127.0.0.3")).allowed()).isTrue();
        assertThat(policy.admit(ip("127.0.0.1")).allowed()).isFalse();
    }

    @Test
    void aMalformedFileAtStartLeavesTheBuiltInDefault() throws Exception {
        Fixtures.write(home, "ANY:ACL_FULL_CONTROL\n192.0.2.0/33:ADMIN\n");
        start();

        assertThat(policy.state().standing()).isEqualTo(AclPolicy.Standing.REJECTED);
        assertThat(policy.state().problem()).contains("acl.conf:2: bad prefix length /33");
        assertThat(policy.state().rulebook().source()).isEqualTo(Rulebook.BUILT_IN_SOURCE);
        assertThat(policy.admit(ip("192.0.2.1")).allowed()).isFalse();
        assertThat(policy.admit(ip("127.0.0.1")).allowed()).isTrue();
    }

    @Test
    void deletingTheFileFallsBackToLoopbackOnly() throws Exception {
        Fixtures.write(home, "ANY:STATS_READ\n");
        start();
        assertThat(allows("192.0.2.1", Permission.STATS_READ)).isTrue();

        Files.delete(Fixtures.rulebook(home));
        assertThat(loader.reload(false, "file changed").standing()).isEqualTo(AclPolicy.Standing.MISSING);
        assertThat(allows("192.0.2.1", Permission.STATS_READ)).isFalse();
        assertThat(allows("127.0.0.1", Permission.STATS_READ)).isTrue();
    }

    @Test
    void unreadableOrHugeFilesAreRejected() throws Exception {
        Fixtures.write(home, SEED);
        start();
        Path file = Fixtures.rulebook(home);

        Files.write(file, new byte[] {'1', '2', '7', '.', '0', '.', '0', '.', '2', ':', (byte) 0xff, '\n'});
        assertThat(loader.reload(false, "file changed").problem()).startsWith(file + ": not UTF-8 text");

        Files.writeString(file, "# padding\n".repeat(RulebookLoader.MAX_BYTES / 10 + 1));
        assertThat(loader.reload(false, "file changed").problem()).startsWith(file + ": larger than 1048576 bytes");

        Files.delete(file);
        Files.createDirectory(file);
        AclPolicy.State s = loader.reload(false, "file changed");
        assertThat(s.standing()).isEqualTo(AclPolicy.Standing.REJECTED);
        assertThat(s.problem()).startsWith(file + ": cannot be read");
        assertThat(policy.admit(ip("127.0.0.1")).allowed()).isTrue();
        assertThat(policy.admit(ip("127.0.0.2")).allowed()).isFalse();
    }

    @Test
    void theConfiguredPathIsRelativeToTheNodeHome() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/rules"), "192.0.2.9:STATS_READ\n");
        start(Fixtures.config("conf/rules", 3600, 3600));
        assertThat(policy.state().file()).isEqualTo(home.resolve("conf/rules"));
        assertThat(allows("192.0.2.9", Permission.STATS_READ)).isTrue();

        // A configuration change to another file loads it at once; bad intervals keep the last good
        // ones (a zero period would make the scheduler throw).
        Fixtures.write(home, SEED);
        loader.modified(Fixtures.config("", 0, 99999));
        assertThat(policy.state().file()).isEqualTo(Fixtures.rulebook(home));
        assertThat(allows("192.0.2.9", Permission.STATS_READ)).isFalse();
        assertThat(allows("127.0.0.1", Permission.STATS_READ)).isTrue();
    }

    @Test
    void localSubnetFollowsTheInterfaces() throws Exception {
        Fixtures.write(home, "LOCAL_SUBNET:STATS_READ\n");
        start();
        assertThat(allows("192.0.2.77", Permission.STATS_READ)).isTrue();
        assertThat(allows("198.51.100.77", Permission.STATS_READ)).isFalse();

        loader.interfaces = () -> List.of(Cidr.parse("198.51.100.0/24"));
        loader.refreshLocalSubnets();
        assertThat(allows("192.0.2.77", Permission.STATS_READ)).isFalse();
        assertThat(allows("198.51.100.77", Permission.STATS_READ)).isTrue();

        // An interface read that fails keeps the last known prefixes.
        loader.interfaces = () -> {
            throw new SocketException("no netlink");
        };
        loader.refreshLocalSubnets();
        assertThat(allows("198.51.100.77", Permission.STATS_READ)).isTrue();
    }
}
