package gomd.core.internal.oshi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import gomd.core.api.Metric;
import gomd.core.api.Record;
import gomd.core.internal.collect.SampleFormat;
import gomd.core.internal.oshi.CpuCollector.CpuReading;

class CpuCollectorTest {

    private static CpuReading reading(long millis, long user, long idle) {
        long[] total = {2 * user, 0, 0, 2 * idle, 0, 0, 0, 0};
        long[][] cores = {{user, 0, 0, idle, 0, 0, 0, 0}, {user, 0, 0, idle, 0, 0, 0, 0}};
        return new CpuReading(millis, "AMD EPYC 2", "AuthenticAMD", 2, 1, 1, total, cores,
                new long[] {2_596_152_000L, -1}, 3_000_000_000L);
    }

    private static List<String> records(List<Metric> metrics) {
        return SampleFormat.records(metrics, "cpu").stream().map(Record::toString).toList();
    }

    @Test
    void sharesAppearFromTheSecondReadingASecondLaterAndEarlierReadingsKeepThem() {
        Deque<CpuReading> readings = new ArrayDeque<>(List.of(reading(0, 0, 0), reading(1000, 30, 70),
                reading(1500, 100, 100), reading(2000, 30, 170)));
        CpuCollector c = new CpuCollector(readings::poll);

        assertThat(records(c.collect())).containsExactly(
                "(COUNT:2)(CORES:1)(SOCKETS:1)(MODEL:AMD EPYC 2)(VENDOR:AuthenticAMD)(MHZ:2596)", "(CPU:0)(MHZ:2596)");

        List<String> second = records(c.collect());
        assertThat(second.get(0)).startsWith("(USER:30)(NICE:0)(SYSTEM:0)(IDLE:70)(IOWAIT:0)(IRQ:0)(STEAL:0)(BUSY:30)"
                + "(COUNT:2)");
        assertThat(second).containsSubsequence("(CPU:0)(USER:30)(NICE:0)(SYSTEM:0)(IDLE:70)(IOWAIT:0)(IRQ:0)(STEAL:0)"
                + "(BUSY:30)(MHZ:2596)", "(CPU:1)(USER:30)(NICE:0)(SYSTEM:0)(IDLE:70)(IOWAIT:0)(IRQ:0)(STEAL:0)(BUSY:30)");

        // half a second later: too soon, the shares stay and the base stays at 1000 ms
        assertThat(records(c.collect()).get(0)).startsWith("(USER:30)");
        // at 2000 ms the window 1000..2000 ms shows an idle second
        assertThat(records(c.collect()).get(0)).startsWith("(USER:0)(NICE:0)(SYSTEM:0)(IDLE:100)");
    }

    @Test
    void mhzFallsBackToTheMaximumWhenNoCoreReportsOne() {
        assertThat(CpuCollector.averageMhz(new long[] {-1, -1}, 3_000_000_000L)).isEqualTo(3000);
        assertThat(CpuCollector.averageMhz(new long[] {1_000_000_000L, 2_000_000_000L}, 0)).isEqualTo(1500);
    }

    @Test
    void realCpuGivesCountAndModel() {
        List<Metric> m = new CpuCollector().collect();
        assertThat(m).extracting(Metric::name).contains("COUNT", "MODEL");
    }
}
