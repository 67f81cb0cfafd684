package gomd.scx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import gomd.core.api.CommandLine;

/**
 * Policies × commands: what the SCX policy says. {@code A} allowed, {@code ACL} allowed to
 * ADMIN holders only, {@code -} blocked.
 */
class PolicyMatrixTest {

    private static final Map<String, String> POLICIES = Map.of(
            "empty", "",
            "seed", """
                    SCX_ALL_CMDS_ALLOWED:SCX_NO_ACL_CHECK_REQUIRED
                    ls /usr:SCX_NO_ACL_CHECK_REQUIRED
                    reboot:SCX_ACL_CHECK_REQUIRED
                    """,
            "allowAllAcl", "SCX_ALL_CMDS_ALLOWED:SCX_ACL_CHECK_REQUIRED\nuptime:SCX_NO_ACL_CHECK_REQUIRED\n",
            "listed", """
                    SCX_ALL_CMDS_BLOCKED
                    ls /usr:SCX_NO_ACL_CHECK_REQUIRED
                    echo *:SCX_NO_ACL_CHECK_REQUIRED
                    echo secret *:SCX_ACL_CHECK_REQUIRED
                    echo secret public:SCX_NO_ACL_CHECK_REQUIRED
                    /usr/bin/id:SCX_ACL_CHECK_REQUIRED
                    """,
            "blockSome", """
                    SCX_ALL_CMDS_ALLOWED:SCX_NO_ACL_CHECK_REQUIRED
                    rm *:SCX_CMD_BLOCKED
                    ls /tmp:SCX_CMD_BLOCKED
                    """,
            "tie", """
                    ls:SCX_NO_ACL_CHECK_REQUIRED
                    /bin/ls:SCX_ACL_CHECK_REQUIRED
                    /usr/bin/ls:SCX_ACL_CHECK_REQUIRED
                    """);

    static Stream<Arguments> matrix() {
        return Stream.of(
                // policy, command, expected
                Arguments.of("empty", "ls /usr", "-"),
                Arguments.of("empty", "true", "-"),
                Arguments.of("seed", "ls /usr", "A"),
                Arguments.of("seed", "ls /tmp", "A"),
                Arguments.of("seed", "reboot", "ACL"),
                Arguments.of("seed", "reboot now", "A"), // exact rule: other argv falls to the macro
                Arguments.of("seed", "no-such-program-x", "A"), // macro allows; the run then says NOT_FOUND
                Arguments.of("allowAllAcl", "uptime", "A"),
                Arguments.of("allowAllAcl", "uptime -p", "ACL"),
                Arguments.of("allowAllAcl", "date", "ACL"),
                Arguments.of("listed", "ls /usr", "A"),
                Arguments.of("listed", "/bin/ls /usr", "A"), // same program, other spelling
                Arguments.of("listed", "ls /usr /etc", "-"),
                Arguments.of("listed", "ls", "-"),
                Arguments.of("listed", "ls /usr/", "-"),
                Arguments.of("listed", "echo", "A"), // * matches zero arguments
                Arguments.of("listed", "echo a b c", "A"),
                Arguments.of("listed", "echo secret", "ACL"), // longer prefix wins
                Arguments.of("listed", "echo secret x", "ACL"),
                Arguments.of("listed", "echo secret public", "A"), // exact beats any prefix
                Arguments.of("listed", "id", "ACL"),
                Arguments.of("listed", "id -u", "-"),
                Arguments.of("listed", "cat /etc/passwd", "-"),
                Arguments.of("listed", "no-such-program-x", "-"), // blocked: never says whether it exists
                Arguments.of("blockSome", "rm", "-"),
                Arguments.of("blockSome", "rm -rf /", "-"),
                Arguments.of("blockSome", "ls /tmp", "-"),
                Arguments.of("blockSome", "ls /usr", "A"),
                Arguments.of("blockSome", "/usr/bin/rm x", "-"),
                Arguments.of("tie", "ls", "ACL"), // equally specific: the more restrictive flag wins
                Arguments.of("tie", "ls -l", "-"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("matrix")
    void decides(String policy, String command, String expected) throws Exception {
        Policy p = PolicyParser.parse(POLICIES.get(policy), policy, Instant.EPOCH);
        List<String> argv = CommandLine.split(command);
        PolicyDecision d = p.decide(argv, ProgramResolver.resolve(argv.get(0)));
        String got = !d.allowed() ? "-" : d.aclCheckRequired() ? "ACL" : "A";
        assertThat(got).as("%s under %s (decided by %s)", command, policy, d.rule()).isEqualTo(expected);
    }
}
