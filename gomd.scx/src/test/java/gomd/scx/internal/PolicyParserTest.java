package gomd.scx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class PolicyParserTest {

    private static Policy parse(String text) throws PolicyException {
        return PolicyParser.parse(text, "scx.conf", Instant.EPOCH);
    }

    private static List<String> problems(String text) {
        try {
            parse(text);
        } catch (PolicyException e) {
            return e.problems();
        }
        throw new AssertionError("parsed: " + text);
    }

    @Test
    void theSeedsLinesParse() throws Exception {
        Policy p = parse("""
                # the seed's /etc/gomd/scx.conf
                SCX_ALL_CMDS_ALLOWED:SCX_NO_ACL_CHECK_REQUIRED
                ls /usr:SCX_NO_ACL_CHECK_REQUIRED
                nmap:SCX_NO_ACL_CHECK_REQUIRED
                reboot:SCX_NO_ACL_CHECK_REQUIRED
                """);
        assertThat(p.catchAll().flag()).isEqualTo(PolicyFlag.SCX_NO_ACL_CHECK_REQUIRED);
        assertThat(p.catchAll().line()).isEqualTo(2);
        assertThat(p.rules()).extracting(PolicyRule::words)
                .containsExactly(List.of("ls", "/usr"), List.of("nmap"), List.of("reboot"));
        assertThat(p.rules()).extracting(PolicyRule::line).containsExactly(3, 4, 5);
        assertThat(p.rules()).allMatch(r -> !r.wildcard());
    }

    @Test
    void defaultIsBlocked() throws Exception {
        Policy p = parse("uptime:SCX_NO_ACL_CHECK_REQUIRED\n");
        assertThat(p.catchAll()).isSameAs(Policy.DEFAULT_CATCH_ALL);
        assertThat(p.catchAll().flag()).isEqualTo(PolicyFlag.SCX_CMD_BLOCKED);
        assertThat(parse("").rules()).isEmpty();
    }

    @Test
    void blockedMacroWithOrWithoutFlag() throws Exception {
        assertThat(parse("SCX_ALL_CMDS_BLOCKED\n").catchAll().flag()).isEqualTo(PolicyFlag.SCX_CMD_BLOCKED);
        assertThat(parse("SCX_ALL_CMDS_BLOCKED:SCX_NO_ACL_CHECK_REQUIRED\n").catchAll().flag())
                .isEqualTo(PolicyFlag.SCX_CMD_BLOCKED);
    }

    @Test
    void quotingWildcardAndColonsInCommands() throws Exception {
        Policy p = parse("""
                echo 'a b' *:SCX_ACL_CHECK_REQUIRED
                date +%H:%M:SCX_NO_ACL_CHECK_REQUIRED
                   rm -rf *  :  SCX_CMD_BLOCKED\r
                """);
        assertThat(p.rules().get(0).words()).containsExactly("echo", "a b");
        assertThat(p.rules().get(0).wildcard()).isTrue();
        assertThat(p.rules().get(1).words()).containsExactly("date", "+%H:%M");
        assertThat(p.rules().get(2).words()).containsExactly("rm", "-rf");
        assertThat(p.rules().get(2).flag()).isEqualTo(PolicyFlag.SCX_CMD_BLOCKED);
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        assertThat(problems("""
                ls:SCX_NO_ACL_CHECK_REQUIRED
                ls /tmp
                cat:SCX_WHATEVER
                *:SCX_NO_ACL_CHECK_REQUIRED
                ../bin/x:SCX_NO_ACL_CHECK_REQUIRED
                bin/x:SCX_NO_ACL_CHECK_REQUIRED
                echo 'open:SCX_NO_ACL_CHECK_REQUIRED
                ls:SCX_ACL_CHECK_REQUIRED
                :SCX_NO_ACL_CHECK_REQUIRED
                SCX_ALL_CMDS_ALLOWED:SCX_CMD_BLOCKED
                """)).satisfiesExactly(
                p -> assertThat(p).startsWith("scx.conf:2: ").contains("COMMAND:FLAG"),
                p -> assertThat(p).startsWith("scx.conf:3: ").contains("unknown flag 'SCX_WHATEVER'"),
                p -> assertThat(p).startsWith("scx.conf:4: ").contains("lone *"),
                p -> assertThat(p).startsWith("scx.conf:5: ").contains("relative"),
                p -> assertThat(p).startsWith("scx.conf:6: ").contains("relative"),
                p -> assertThat(p).startsWith("scx.conf:7: ").contains("unclosed"),
                p -> assertThat(p).startsWith("scx.conf:8: ").contains("same command as line 1"),
                p -> assertThat(p).startsWith("scx.conf:9: ").contains("no command"),
                p -> assertThat(p).startsWith("scx.conf:10: ").contains("cannot be SCX_CMD_BLOCKED"));
    }

    @Test
    void twoMacrosAreAnError() {
        assertThat(problems("SCX_ALL_CMDS_ALLOWED:SCX_NO_ACL_CHECK_REQUIRED\n\nSCX_ALL_CMDS_BLOCKED\n"))
                .containsExactly(
                        "scx.conf:3: second SCX_ALL_CMDS_ALLOWED/SCX_ALL_CMDS_BLOCKED line (the first is line 1)");
    }

    @Test
    void wildcardAndExactRuleForTheSameWordsAreDistinct() throws Exception {
        assertThat(parse("ls:SCX_NO_ACL_CHECK_REQUIRED\nls *:SCX_ACL_CHECK_REQUIRED\n").rules()).hasSize(2);
    }

    @Test
    void overlongLineIsRefused() {
        assertThat(problems("echo " + "x".repeat(5000) + ":SCX_NO_ACL_CHECK_REQUIRED"))
                .singleElement().asString().contains("longer than 4096");
    }

    @Test
    void controlCharactersInACommandAreRefused() {
        assertThatThrownBy(() -> parse("echo a\u0000b:SCX_NO_ACL_CHECK_REQUIRED")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("scx.conf:1:");
    }
}
