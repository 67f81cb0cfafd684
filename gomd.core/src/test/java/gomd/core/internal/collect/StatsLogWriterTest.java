package gomd.core.internal.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gomd.core.api.Metric;

class StatsLogWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesEachNewSampleOnceAsTimestampSourceAndRecord() throws Exception {
        FakeSources sources = new FakeSources()
                .add("load", "", List.of(Metric.gauge("LOAD", 0.52, ""), Metric.gauge("LOAD5", 0.4, "")))
                .add("netload", "iface", List.of(Metric.counter("BYTES_IN", 5L, "B").withLabel("iface", "eth0"),
                        Metric.counter("BYTES_IN", 7L, "B").withLabel("iface", "lo")))
                .add("fs", "mount", List.of(), Optional.of("timed out after 5 s"))
                .add("os", "", List.of(Metric.info("OS", "Debian: 12")));
        Path file = dir.resolve("stats.log");
        try (RotatingLog log = new RotatingLog(file, 1 << 20, 3)) {
            StatsLogWriter writer = new StatsLogWriter(sources, Set.of("load", "netload", "fs"), log);
            writer.writeNew();
            writer.writeNew();
        }
        assertThat(Files.readAllLines(file)).containsExactly(
                "2026-01-02T10:00:00Z fs (ERROR:timed out after 5 s)",
                "2026-01-02T10:00:00Z load (LOAD:0.52)(LOAD5:0.4)",
                "2026-01-02T10:00:00Z netload (IFACE:eth0)(BYTES_IN:5)",
                "2026-01-02T10:00:00Z netload (IFACE:lo)(BYTES_IN:7)");
    }

    @Test
    void starLogsEverySourceWithEscapedValues() throws Exception {
        FakeSources sources = new FakeSources().add("os", "", List.of(Metric.info("OS", "Debian: 12")));
        Path file = dir.resolve("stats.log");
        try (RotatingLog log = new RotatingLog(file, 1 << 20, 3)) {
            new StatsLogWriter(sources, Set.of("*"), log).writeNew();
        }
        assertThat(Files.readAllLines(file)).containsExactly("2026-01-02T10:00:00Z os (OS:Debian\\: 12)");
    }

    @Test
    void valuesAreEscapedAsOnTheConsoleSoThatALineStaysALine() throws Exception {
        FakeSources sources = new FakeSources().add("odd", "", List.of(Metric.info("A", "x(y):z\\w"),
                Metric.info("B", "two\nlines\u0001\u0085\u2028")));
        Path file = dir.resolve("stats.log");
        try (RotatingLog log = new RotatingLog(file, 1 << 20, 3)) {
            new StatsLogWriter(sources, Set.of("odd"), log).writeNew();
        }
        assertThat(Files.readString(file)).isEqualTo(
                "2026-01-02T10:00:00Z odd (A:x\\(y\\)\\:z\\\\w)(B:two\\nlines\\x01\\x85\\u2028)\n");
    }
}
