package gomd.acl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import gomd.core.api.Permission;

/** The rulebook syntax: what is accepted, and every rejection named with file and line. */
class RulebookParserTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void readsTheSeedFormatWithCommentsBlanksAndIpv6() throws Exception {
        Rulebook rb = RulebookParser.parse("""
                # gomd ACL rulebook
                LOCAL_SUBNET:ACL_FULL_CONTROL

                  10.0.0.0/8 : STATS_READ , -ADMIN   # blanks around the separators are fine
                ::1:EXEC_LOCAL,EXEC_CLUSTER
                [2001:db8::]/32:ACL_NONE\r
                """, "acl.conf", NOW);

        assertThat(rb.rules()).extracting(Rule::line).containsExactly(2, 4, 5, 6);
        assertThat(rb.rules()).extracting(Rule::text).containsExactly("LOCAL_SUBNET:ACL_FULL_CONTROL",
                "10.0.0.0/8 : STATS_READ , -ADMIN", "::1:EXEC_LOCAL,EXEC_CLUSTER", "[2001:db8::]/32:ACL_NONE");
        Rule full = rb.rules().get(0);
        assertThat(full.who().local()).isTrue();
        assertThat(full.allow()).isEqualTo(EnumSet.allOf(Permission.class));
        assertThat(full.deny()).isEmpty();
        Rule mixed = rb.rules().get(1);
        assertThat(mixed.allow()).containsExactly(Permission.STATS_READ);
        assertThat(mixed.deny()).containsExactly(Permission.ADMIN);
        assertThat(rb.rules().get(2).who().fixed()).containsExactly(Cidr.parse("::1/128"));
        Rule none = rb.rules().get(3);
        assertThat(none.deny()).isEqualTo(EnumSet.allOf(Permission.class));
        assertThat(none.who().fixed()).containsExactly(Cidr.parse("2001:db8::/32"));
        assertThat(rb.source()).isEqualTo("acl.conf");
        assertThat(rb.loaded()).isEqualTo(NOW);
    }

    /** The example of docs/ACL.md, kept in step with it. */
    @Test
    void theDocumentedExampleMeansWhatTheDocsSay() throws Exception {
        Rulebook rb = RulebookParser.parse("""
                # etc/gomd/acl.conf
                LOCAL_SUBNET:ACL_FULL_CONTROL           # the seed's default: the node's own networks
                10.0.0.0/8:STATS_READ                   # the campus may read statistics
                10.20.0.0/16:STATS_READ,EXEC_LOCAL,-ADMIN
                10.20.0.66:ACL_NONE                     # except this one
                2001:db8:42::/48:STATS_READ             # IPv6: the last ':' separates WHO from the permissions
                [2001:db8:42::7]:ADMIN                  # brackets are allowed around an IPv6 address
                """, "acl.conf", NOW);
        assertThat(rb.rules()).hasSize(6);
        assertThat(allowed(rb, "192.0.2.9", Permission.ADMIN)).isTrue();   // LOCAL_SUBNET
        assertThat(allowed(rb, "10.1.1.1", Permission.STATS_READ)).isTrue();
        assertThat(allowed(rb, "10.1.1.1", Permission.EXEC_LOCAL)).isFalse();
        assertThat(allowed(rb, "10.20.1.1", Permission.EXEC_LOCAL)).isTrue();
        assertThat(allowed(rb, "10.20.0.66", Permission.STATS_READ)).isFalse();
        assertThat(allowed(rb, "2001:db8:42::7", Permission.ADMIN)).isTrue();
        assertThat(allowed(rb, "2001:db8:42::7", Permission.STATS_READ)).isTrue();
        assertThat(allowed(rb, "2001:db8:42::8", Permission.ADMIN)).isFalse();
    }

    private static boolean allowed(Rulebook rb, String address, Permission p) {
        return rb.decide(Addresses.parse(address), p, Fixtures.LOCAL).allowed();
    }

    @Test
    void anEmptyRulebookAllowsNothing() throws Exception {
        Rulebook rb = RulebookParser.parse("# nothing\n\n   \n", "acl.conf", NOW);
        assertThat(rb.rules()).isEmpty();
        assertThat(rb.decide(Addresses.parse("127.0.0.1"), Permission.STATS_READ, Fixtures.LOCAL).allowed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            10.0.0.1                       | acl.conf:2: expected WHO:PERMISSION[,PERMISSION...], got '10.0.0.1'
            ::1                            | acl.conf:2: expected WHO:PERMISSION[,PERMISSION...], got '::1'
            2001:db8::/32                  | acl.conf:2: expected WHO:PERMISSION[,PERMISSION...], got '2001:db8::/32'
            STATS_READ                     | acl.conf:2: expected WHO:PERMISSION[,PERMISSION...], got 'STATS_READ'
            :STATS_READ                    | acl.conf:2: expected WHO:PERMISSION
            10.0.0.0/8:                    | acl.conf:2: empty permission
            10.0.0.0/8:STATS_READ,         | acl.conf:2: empty permission
            10.0.0.0/8:stats_read          | acl.conf:2: unknown permission 'stats_read' (known: STATS_READ, EXEC_LOCAL,
            10.0.0.0/8:STATS_READ,-STATS_READ | acl.conf:2: STATS_READ is both allowed and denied
            10.0.0.0/8:ACL_FULL_CONTROL,-ADMIN | acl.conf:2: ACL_FULL_CONTROL must be the only permission of its rule
            10.0.0.0/8:ACL_NONE,STATS_READ | acl.conf:2: ACL_NONE must be the only permission of its rule
            10.0.0.0/8:-ACL_NONE           | acl.conf:2: unknown permission 'ACL_NONE'
            10.0.0.1/8:STATS_READ          | acl.conf:2: 10.0.0.1/8 has host bits set; the network is 10.0.0.0/8
            10.0.0.0/33:STATS_READ         | acl.conf:2: bad prefix length /33
            fe80::1%eth0:STATS_READ        | acl.conf:2: unknown WHO 'fe80::1%eth0'
            gateway.example.org:STATS_READ | acl.conf:2: unknown WHO 'gateway.example.org'
            localhost:STATS_READ           | acl.conf:2: unknown WHO 'localhost'
            LOCAL_SUBNETS:STATS_READ       | acl.conf:2: unknown WHO 'LOCAL_SUBNETS'
            127.1:STATS_READ               | acl.conf:2: not an IPv4 or IPv6 address: 127.1
            """)
    void rejectsABadLineWithItsLineNumber(String line, String message) {
        assertThatThrownBy(() -> RulebookParser.parse("# first line\n" + line + "\n127.0.0.1:ADMIN\n", "acl.conf", NOW))
                .isInstanceOf(RulebookException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void listsEveryBadLineAndAppliesNone() {
        assertThatThrownBy(() -> RulebookParser.parse("""
                127.0.0.1:ACL_FULL_CONTROL
                10.0.0.0/8:READ
                ::1:ADMIN
                bogus:ADMIN
                """, "/etc/gomd/acl.conf", NOW))
                .isInstanceOf(RulebookException.class)
                .hasMessage("/etc/gomd/acl.conf:2: unknown permission 'READ' (known: STATS_READ, EXEC_LOCAL, "
                        + "EXEC_CLUSTER, ADMIN, ACL_FULL_CONTROL, ACL_NONE, and -PERMISSION to deny); "
                        + "/etc/gomd/acl.conf:4: unknown WHO 'bogus' (expected ADDRESS, ADDRESS/LENGTH, LOCAL_SUBNET, "
                        + "LOCALHOST or ANY)");
    }

    @Test
    void boundsTheReport() {
        String text = "x:ADMIN\n".repeat(25);
        assertThatThrownBy(() -> RulebookParser.parse(text, "acl.conf", NOW))
                .isInstanceOfSatisfying(RulebookException.class, e -> {
                    String[] problems = e.getMessage().split("; ");
                    assertThat(problems).hasSize(21);
                    assertThat(problems[19]).startsWith("acl.conf:20: unknown WHO 'x'");
                    assertThat(problems[20]).isEqualTo("acl.conf: 5 more bad lines");
                });
    }

    @Test
    void refusesOverlongLinesAndControlCharacters() {
        String longLine = "127.0.0.1:" + "STATS_READ,".repeat(100) + "ADMIN";
        assertThatThrownBy(() -> RulebookParser.parse(longLine, "acl.conf", NOW))
                .hasMessage("acl.conf:1: line longer than 1024 characters");
        assertThatThrownBy(() -> RulebookParser.parse("ok:x\n127.0.0.1:AD\u0000MIN", "acl.conf", NOW))
                .hasMessageContaining("acl.conf:2: control character at column 13");
    }
}
