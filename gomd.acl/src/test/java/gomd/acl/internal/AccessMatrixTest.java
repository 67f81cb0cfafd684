package gomd.acl.internal;

import static gomd.acl.internal.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import gomd.core.api.AccessDecision;
import gomd.core.api.Permission;
import gomd.core.api.Record;
import gomd.core.api.Result;

/**
 * The decision matrix: rulebooks × caller addresses × commands. Each row is checked three ways:
 * what core gets from {@code decide}, what {@code acl check} tells an admin, and that reversing
 * the rule order changes nothing (file order never matters).
 */
class AccessMatrixTest {

    /** Rulebooks by name. LOCAL_SUBNET is {@link Fixtures#LOCAL}. */
    static final Map<String, String> RULEBOOKS = Map.ofEntries(
            Map.entry("seed", "127.0.0.1/32:ACL_FULL_CONTROL\n"),
            Map.entry("localSubnet", "LOCAL_SUBNET:ACL_FULL_CONTROL\n"),
            Map.entry("any4", "0.0.0.0/0:STATS_READ\n"),
            Map.entry("any6", "::/0:STATS_READ\n"),
            Map.entry("any", "ANY:STATS_READ\n"),
            Map.entry("net24", "192.0.2.0/24:EXEC_LOCAL\n"),
            Map.entry("host32", "198.51.100.7/32:EXEC_CLUSTER\n"),
            Map.entry("host128", "2001:db8::1/128:ADMIN\n"),
            Map.entry("net32v6", "2001:db8::/32:STATS_READ\n"),
            Map.entry("odd", "10.0.0.128/25:STATS_READ\n172.16.0.0/12:EXEC_LOCAL\n"),
            Map.entry("mapped", "::ffff:10.0.0.0/104:STATS_READ\n"),
            Map.entry("overlap", """
                    10.0.0.0/8:ACL_FULL_CONTROL
                    10.1.0.0/16:-ADMIN,-EXEC_CLUSTER
                    10.1.2.0/24:ACL_NONE
                    10.1.2.3/32:STATS_READ
                    10.9.9.9:STATS_READ
                    10.9.9.9/32:-STATS_READ
                    """),
            Map.entry("macros", """
                    LOCALHOST:STATS_READ
                    LOCAL_SUBNET:EXEC_LOCAL
                    127.0.0.1:-STATS_READ
                    ANY:-ADMIN
                    ::1:ADMIN
                    """),
            Map.entry("blockAllButOne", "ANY:ACL_NONE\n192.0.2.10:ACL_FULL_CONTROL\n"),
            Map.entry("empty", "# nobody\n\n"));

    @TempDir
    Path home;
    private Fixtures.Acl acl;

    @AfterEach
    void stop() {
        if (acl != null) {
            acl.stop();
        }
    }

    @ParameterizedTest(name = "{0}: {1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            seed        | 127.0.0.1                 | get         | allow
            seed        | 127.0.0.1                 | acl         | allow
            seed        | 127.0.0.2                 | get         | deny
            seed        | ::1                       | get         | deny
            seed        | ::ffff:127.0.0.1          | acl         | allow
            seed        | 192.0.2.1                 | get         | deny
            localSubnet | 127.0.0.2                 | acl         | allow
            localSubnet | ::1                       | cwc         | allow
            localSubnet | 192.0.2.0                 | exec        | allow
            localSubnet | 192.0.2.255               | exec        | allow
            localSubnet | 192.0.3.0                 | get         | deny
            localSubnet | fd00::ffff:1              | get         | allow
            localSubnet | fd00:0:0:1::1             | get         | deny
            any4        | 0.0.0.0                   | get         | allow
            any4        | 255.255.255.255           | get         | allow
            any4        | ::ffff:8.8.8.8            | get         | allow
            any4        | 8.8.8.8                   | exec        | deny
            any4        | ::1                       | get         | deny
            any4        | 2001:db8::1               | get         | deny
            any6        | ::                        | get         | allow
            any6        | ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | get | allow
            any6        | ::1                       | get         | allow
            any6        | 8.8.8.8                   | get         | deny
            any6        | ::ffff:8.8.8.8            | get         | deny
            any         | 8.8.8.8                   | get         | allow
            any         | 2001:db8::1               | STATS_READ  | allow
            any         | 8.8.8.8                   | ADMIN       | deny
            net24       | 192.0.2.0                 | exec        | allow
            net24       | 192.0.2.255               | exec        | allow
            net24       | 192.0.1.255               | exec        | deny
            net24       | 192.0.3.0                 | exec        | deny
            net24       | ::ffff:192.0.2.255        | exec        | allow
            net24       | ::ffff:c000:2ff           | exec        | allow
            net24       | 192.0.2.1                 | get         | deny
            host32      | 198.51.100.7              | cwc         | allow
            host32      | 198.51.100.6              | cwc         | deny
            host32      | 198.51.100.8              | cwc         | deny
            host128     | 2001:db8::1               | acl         | allow
            host128     | 2001:db8:0:0:0:0:0:1      | acl         | allow
            host128     | 2001:db8::2               | acl         | deny
            host128     | 2001:db8::                | acl         | deny
            net32v6     | 2001:db8::                | get         | allow
            net32v6     | 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff | get | allow
            net32v6     | 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff | get | deny
            net32v6     | 2001:db9::                | get         | deny
            odd         | 10.0.0.127                | get         | deny
            odd         | 10.0.0.128                | get         | allow
            odd         | 10.0.0.255                | get         | allow
            odd         | 10.0.1.0                  | get         | deny
            odd         | 172.15.255.255            | exec        | deny
            odd         | 172.16.0.0                | exec        | allow
            odd         | 172.31.255.255            | exec        | allow
            odd         | 172.32.0.0                | exec        | deny
            mapped      | 10.0.0.1                  | get         | allow
            mapped      | ::ffff:10.255.255.255     | get         | allow
            mapped      | 11.0.0.0                  | get         | deny
            overlap     | 10.2.0.1                  | acl         | allow
            overlap     | 10.1.0.1                  | acl         | deny
            overlap     | 10.1.0.1                  | exec        | allow
            overlap     | 10.1.0.1                  | cwc         | deny
            overlap     | 10.1.0.1                  | get         | allow
            overlap     | 10.1.2.4                  | get         | deny
            overlap     | 10.1.2.4                  | exec        | deny
            overlap     | 10.1.2.3                  | get         | allow
            overlap     | 10.1.2.3                  | exec        | deny
            overlap     | ::ffff:10.1.2.3           | get         | allow
            overlap     | 10.9.9.9                  | get         | deny
            overlap     | 10.9.9.9                  | exec        | allow
            overlap     | 11.0.0.1                  | get         | deny
            macros      | 127.0.0.1                 | get         | deny
            macros      | 127.0.0.2                 | get         | allow
            macros      | 127.255.255.255           | get         | allow
            macros      | ::ffff:127.0.0.2          | get         | allow
            macros      | ::1                       | get         | allow
            macros      | ::1                       | acl         | allow
            macros      | 127.0.0.2                 | acl         | deny
            macros      | 127.0.0.1                 | exec        | allow
            macros      | 192.0.2.7                 | exec        | allow
            macros      | 192.0.2.7                 | get         | deny
            macros      | 198.51.100.1              | exec        | deny
            macros      | fd00::5                   | exec        | allow
            blockAllButOne | 192.0.2.10             | acl         | allow
            blockAllButOne | 192.0.2.11             | get         | deny
            blockAllButOne | 127.0.0.1              | get         | deny
            empty       | 127.0.0.1                 | get         | deny
            empty       | ::1                       | get         | deny
            """)
    void decides(String rulebook, String address, String command, String expected) throws Exception {
        boolean allowed = expected.equals("allow");
        Permission permission = Fixtures.permissionOf(command);

        acl = start(RULEBOOKS.get(rulebook));
        AccessDecision decision = acl.policy().decide(ip(address), permission, command);
        assertThat(decision.allowed()).as(decision.reason()).isEqualTo(allowed);

        Result check = Fixtures.run(Fixtures.command(acl), "acl check " + address + " " + command);
        Record r = check.records().get(0);
        assertThat(r.get("DECISION")).isEqualTo(allowed ? "allowed" : "denied");
        assertThat(r.get("PERMISSION")).isEqualTo(permission.name());
        assertThat(r.get("REASON")).isEqualTo(decision.reason());
        acl.stop();

        acl = start(reversed(RULEBOOKS.get(rulebook)));
        assertThat(acl.policy().decide(ip(address), permission, command).allowed())
                .as("same rules in reverse order").isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            seed           | 127.0.0.1        | admit
            seed           | ::ffff:127.0.0.1 | admit
            seed           | 127.0.0.2        | refuse
            seed           | ::1              | refuse
            overlap        | 10.1.2.4         | refuse
            overlap        | 10.1.2.3         | admit
            overlap        | 10.9.9.9         | admit
            macros         | 198.51.100.1     | refuse
            blockAllButOne | 192.0.2.11       | refuse
            blockAllButOne | 192.0.2.10       | admit
            empty          | 127.0.0.1        | refuse
            """)
    void admitsWhoHasAnyPermission(String rulebook, String address, String expected) throws Exception {
        acl = start(RULEBOOKS.get(rulebook));
        AccessDecision d = acl.policy().admit(ip(address));
        assertThat(d.allowed()).as(d.reason()).isEqualTo(expected.equals("admit"));
        assertThat(Fixtures.run(Fixtures.command(acl), "acl check " + address + " get").records().get(0)
                .get("CONNECT")).isEqualTo(expected.equals("admit") ? "admitted" : "refused");
    }

    private Fixtures.Acl start(String text) throws Exception {
        Fixtures.write(home, text);
        return Fixtures.start(home);
    }

    private static String reversed(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        Collections.reverse(lines);
        return String.join("\n", lines) + "\n";
    }
}
