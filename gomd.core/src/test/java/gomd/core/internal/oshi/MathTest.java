package gomd.core.internal.oshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import gomd.core.internal.oshi.CpuMath.Shares;

class MathTest {

    @Test
    void cpuSharesFromTickDeltas() {
        long[] before = {100, 0, 50, 1000, 10, 0, 0, 0};
        long[] after = {150, 10, 75, 1100, 20, 3, 2, 0}; // +50 user +10 nice +25 sys +100 idle +10 iowait +5 irq
        Shares s = CpuMath.between(before, after).orElseThrow();
        assertThat(s.user()).isCloseTo(25.0, within(1e-9));
        assertThat(s.nice()).isCloseTo(5.0, within(1e-9));
        assertThat(s.system()).isCloseTo(12.5, within(1e-9));
        assertThat(s.idle()).isCloseTo(50.0, within(1e-9));
        assertThat(s.iowait()).isCloseTo(5.0, within(1e-9));
        assertThat(s.irq()).isCloseTo(2.5, within(1e-9));
        assertThat(s.busy()).isCloseTo(45.0, within(1e-9));
    }

    @Test
    void noSharesWithoutTicksOrWhenACounterWentBack() {
        long[] t = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(CpuMath.between(t, t)).isEmpty();
        assertThat(CpuMath.between(t, new long[] {0, 2, 3, 9, 5, 6, 7, 8})).isEmpty();
        assertThat(CpuMath.between(null, t)).isEmpty();
        assertThat(CpuMath.between(new long[] {1, 2}, t)).isEmpty();
    }

    @Test
    void ratesPerSecond() {
        assertThat(Rates.perSecond(1000, 5000, 2000)).isEqualTo(2000.0);
        assertThat(Rates.perSecond(5000, 1000, 2000)).isZero(); // counter reset
        assertThat(Rates.perSecond(1, 2, 0)).isNaN();
        assertThat(Rates.percent(1, 4)).isEqualTo(25.0);
        assertThat(Rates.percent(1, 0)).isZero();
    }

    @Test
    void netmaskFromPrefix() {
        assertThat(Subnets.dotted(24)).isEqualTo("255.255.255.0");
        assertThat(Subnets.dotted(20)).isEqualTo("255.255.240.0");
        assertThat(Subnets.dotted(8)).isEqualTo("255.0.0.0");
        assertThat(Subnets.dotted(32)).isEqualTo("255.255.255.255");
        assertThat(Subnets.dotted(0)).isEqualTo("0.0.0.0");
        assertThat(Subnets.dotted(33)).isEmpty();
    }

    @Test
    void uptimeText() {
        assertThat(UptimeCollector.text(59)).isEqualTo("00:00:59");
        assertThat(UptimeCollector.text(86_400 + 3723)).isEqualTo("1 day, 01:02:03");
        assertThat(UptimeCollector.text(3 * 86_400 + 4 * 3600 + 5 * 60 + 6)).isEqualTo("3 days, 04:05:06");
    }
}
