package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeedTest {

    @Test
    void membershipPortIsConsolePortPlusFour() {
        assertThat(Seed.parse("node1:25010")).isEqualTo(new Seed("node1", 25010, 25014));
    }

    @Test
    void consolePortDefaultsToTheSeedsPort() {
        assertThat(Seed.parse("node1")).isEqualTo(new Seed("node1", 9889, 9893));
    }

    @Test
    void explicitMembershipPortAfterASlash() {
        assertThat(Seed.parse("10.0.0.5:9889/7800")).isEqualTo(new Seed("10.0.0.5", 9889, 7800));
    }

    @Test
    void ipv6InBrackets() {
        assertThat(Seed.parse("[fd00::5]:9889")).isEqualTo(new Seed("fd00::5", 9889, 9893));
        assertThat(Seed.parse("[::1]")).isEqualTo(new Seed("::1", 9889, 9893));
    }

    @Test
    void listIsCommaOrBlankSeparatedWithoutDuplicates() {
        assertThat(Seed.parseList("a:1, b:2 a:1,,c:3"))
                .containsExactly(new Seed("a", 1, 5), new Seed("b", 2, 6), new Seed("c", 3, 7));
    }

    @Test
    void badSeedsNameTheProblem() {
        assertThatThrownBy(() -> Seed.parse("a:x")).hasMessageContaining("bad port 'x'");
        assertThatThrownBy(() -> Seed.parse("a:70000")).hasMessageContaining("bad port");
        assertThatThrownBy(() -> Seed.parse("fd00::5")).hasMessageContaining("[ADDRESS]:PORT");
        assertThatThrownBy(() -> Seed.parse(":9889")).hasMessageContaining("no host");
        assertThatThrownBy(() -> Seed.parse("[::1")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> Seed.parse("a:65534")).hasMessageContaining("not in 1..65535");
    }
}
