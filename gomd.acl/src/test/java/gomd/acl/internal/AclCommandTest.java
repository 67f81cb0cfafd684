package gomd.acl.internal;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import gomd.core.api.ErrorCode;
import gomd.core.api.Record;
import gomd.core.api.Result;
import gomd.core.api.Table;

/** What an admin sees from {@code acl}, {@code acl check} and {@code acl reload}. */
class AclCommandTest {

    @TempDir
    Path home;
    private Fixtures.Acl started;
    private AclCommand acl;

    @BeforeEach
    void start() throws Exception {
        Fixtures.write(home, """
                # lab rules
                LOCAL_SUBNET:STATS_READ
                10.0.0.0/8:STATS_READ,-ADMIN
                ::1:ACL_FULL_CONTROL
                """);
        started = Fixtures.start(home);
        acl = Fixtures.command(started);
    }

    @AfterEach
    void stop() {
        started.stop();
    }

    @Test
    void listsTheRulesInForceWithTheirSourceAndPrefixes() throws Exception {
        for (String line : List.of("acl", "acl list")) {
            Result r = Fixtures.run(acl, line);
            assertThat(r.isOk()).isTrue();
            Record status = (Record) r.items().get(0);
            assertThat(status.get("RULEBOOK")).isEqualTo(Fixtures.rulebook(home).toString());
            assertThat(status.get("IN_FORCE")).isEqualTo(Fixtures.rulebook(home).toString());
            assertThat(status.get("LOADED")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(status.get("RULES")).isEqualTo("3");
            assertThat(status.get("STATE")).isEqualTo("loaded");
            Table t = (Table) r.items().get(1);
            assertThat(t.columns()).containsExactly("LINE", "RULE", "PREFIXES", "ALLOW", "DENY");
            assertThat(t.rows()).containsExactly(
                    List.of("2", "LOCAL_SUBNET:STATS_READ", "127.0.0.0/8 192.0.2.0/24 ::1/128 fd00::/64",
                            "STATS_READ", ""),
                    List.of("3", "10.0.0.0/8:STATS_READ,-ADMIN", "10.0.0.0/8", "STATS_READ", "ADMIN"),
                    List.of("4", "::1:ACL_FULL_CONTROL", "::1/128", "STATS_READ,EXEC_LOCAL,EXEC_CLUSTER,ADMIN", ""));
        }
    }

    @Test
    void checkTellsWhichRuleDecidesAndWhy() throws Exception {
        Record r = Fixtures.run(acl, "acl check ::ffff:10.1.2.3 acl").records().get(0);
        assertThat(r.fields()).containsExactly(
                entry("ADDRESS", "10.1.2.3"),
                entry("COMMAND", "acl"),
                entry("PERMISSION", "ADMIN"),
                entry("DECISION", "denied"),
                entry("RULE", Fixtures.rulebook(home) + ":3"),
                entry("REASON", Fixtures.rulebook(home) + ":3 '10.0.0.0/8:STATS_READ,-ADMIN' denies "
                        + "ADMIN to 10.1.2.3 (longest matching prefix 10.0.0.0/8)"),
                entry("CONNECT", "admitted"));

        Record none = Fixtures.run(acl, "acl check 198.51.100.1 EXEC_LOCAL").records().get(0);
        assertThat(none.get("DECISION")).isEqualTo("denied");
        assertThat(none.get("RULE")).isEqualTo("none");
        assertThat(none.get("REASON")).isEqualTo("no rule in " + Fixtures.rulebook(home)
                + " allows EXEC_LOCAL to 198.51.100.1 (default deny)");
        assertThat(none.get("CONNECT")).isEqualTo("refused");
    }

    @Test
    void checkRefusesUnknownCommandsAndNonLiteralAddresses() throws Exception {
        Result unknown = Fixtures.run(acl, "acl check 10.0.0.1 frobnicate");
        assertThat(unknown.error().orElseThrow().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(unknown.error().get().getMessage()).isEqualTo("no command or permission named 'frobnicate'");

        Result name = Fixtures.run(acl, "acl check localhost get");
        assertThat(name.error().orElseThrow().code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(name.error().get().getMessage()).isEqualTo("not an IPv4 or IPv6 address: localhost");
    }

    @Test
    void reloadReportsABadRulebookWithFileAndLine() throws Exception {
        Fixtures.write(home, "::1:ACL_FULL_CONTROL\n10.0.0.0/8:STATS_READ,ADMIN,\n");
        Result bad = Fixtures.run(acl, "acl reload");
        assertThat(bad.error().orElseThrow().code()).isEqualTo(ErrorCode.FAILED);
        assertThat(bad.error().get().getMessage()).isEqualTo(Fixtures.rulebook(home)
                + ":2: empty permission (stray comma?); the rules from " + Fixtures.rulebook(home) + " stay in force");
        assertThat(((Record) Fixtures.run(acl, "acl").items().get(0)).get("STATE"))
                .startsWith("rejected: " + Fixtures.rulebook(home) + ":2: empty permission");

        Fixtures.write(home, "::1:ACL_FULL_CONTROL\n");
        Record ok = Fixtures.run(acl, "acl reload").records().get(0);
        assertThat(ok.get("STATE")).isEqualTo("loaded");
        assertThat(ok.get("RULES")).isEqualTo("1");
    }

    @Test
    void reloadOfAMissingFileSaysTheBuiltInDefaultIsInForce() throws Exception {
        Files.delete(Fixtures.rulebook(home));
        Record r = Fixtures.run(acl, "acl reload").records().get(0);
        assertThat(r.get("IN_FORCE")).isEqualTo("built-in default");
        assertThat(r.get("STATE")).isEqualTo("missing: file not found; the built-in default "
                + "LOCALHOST:ACL_FULL_CONTROL is in force");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acl frob", "acl list extra", "acl check 10.0.0.1", "acl check 10.0.0.1 get more",
            "acl reload now"})
    void answersUsageForBadArguments(String line) throws Exception {
        Result r = Fixtures.run(acl, line);
        assertThat(r.error().orElseThrow().code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(r.error().get().getMessage()).isEqualTo(AclCommand.USAGE);
    }
}
