package gomd.core.internal.oshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import gomd.core.api.Metric;
import gomd.core.internal.collect.SampleFormat;
import gomd.core.internal.oshi.DiskCollector.DiskReading;
import gomd.core.internal.oshi.FsCollector.FsReading;
import gomd.core.internal.oshi.PsCollector.ProcReading;
import gomd.core.internal.oshi.PsCollector.PsReading;

class NodeCollectorsTest {

    private static final Path PROC = Path.of("src/test/resources/proc");

    /** name -> formatted value of the metrics with these labels ({} for node-wide ones). */
    private static Map<String, String> values(List<Metric> metrics, Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        metrics.stream().filter(m -> m.labels().equals(labels)).forEach(m -> out.put(m.name(), SampleFormat.value(m.value())));
        return out;
    }

    @Test
    void memFromAFixtureMeminfoInBytes() {
        Map<String, String> mem = values(new MemCollector(() -> MemCollector.readMeminfo(PROC)).collect(), Map.of());
        assertThat(mem).containsExactly(
                Map.entry("MEM_TOTAL", String.valueOf(8049292L * 1024)),
                Map.entry("MEM_FREE", String.valueOf(418276L * 1024)),
                Map.entry("MEM_AVAILABLE", String.valueOf(5187788L * 1024)),
                Map.entry("MEM_USED", String.valueOf((8049292L - 5187788L) * 1024)),
                Map.entry("MEM_USED_PCT", "35.55"),
                Map.entry("BUFFERS", String.valueOf(211488L * 1024)),
                Map.entry("CACHED", String.valueOf(4523300L * 1024)),
                Map.entry("SWAP_TOTAL", String.valueOf(2097148L * 1024)),
                Map.entry("SWAP_FREE", String.valueOf(1048574L * 1024)),
                Map.entry("SWAP_USED", String.valueOf(1048574L * 1024)),
                Map.entry("SWAP_USED_PCT", "50"));
    }

    @Test
    void memOnAnOldKernelEstimatesAvailable() throws Exception {
        MemCollector.MemReading r = MemCollector.parseMeminfo(Files.readAllLines(PROC.resolve("meminfo-2.6")));
        assertThat(r.available()).isEqualTo((100000L + 50000 + 250000) * 1024);
        assertThat(values(MemCollector.metrics(r), Map.of())).containsEntry("SWAP_USED_PCT", "0");
        assertThatThrownBy(() -> MemCollector.parseMeminfo(List.of("Nothing: 1 kB")))
                .hasMessageContaining("MemTotal");
    }

    @Test
    void diskRatesAndBusyFromTwoReadings() {
        Deque<List<DiskReading>> readings = new ArrayDeque<>(List.of(
                List.of(new DiskReading("sda", 0, "QEMU", 1L << 30, 100, 50, 4096, 8192, 0, 1000)),
                List.of(new DiskReading("sda", 2000, "QEMU", 1L << 30, 300, 50, 4096 + 2_000_000, 8192, 1, 1500))));
        DiskCollector c = new DiskCollector(readings::poll);
        assertThat(values(c.collect(), Map.of("disk", "sda"))).doesNotContainKey("BUSY").containsEntry("READS", "100");
        assertThat(values(c.collect(), Map.of("disk", "sda"))).containsEntry("READS_RATE", "100")
                .containsEntry("READ_BYTES_RATE", "1000000").containsEntry("WRITE_BYTES_RATE", "0")
                .containsEntry("BUSY", "25").containsEntry("QUEUE", "1");
    }

    @Test
    void fsUsedPercentAsDfComputesIt() {
        // 100 blocks, 40 free of which 10 reserved for root: used 60, users can still have 30
        FsCollector c = new FsCollector(() -> List.of(new FsReading("/", "/dev/vda", "ext4", 100, 40, 30, 10, 4),
                new FsReading("/", "/dev/vdb", "ext4", 1, 1, 1, 0, 0)));
        Map<String, String> root = values(c.collect(), Map.of("mount", "/"));
        assertThat(root).containsEntry("DEVICE", "/dev/vda").containsEntry("USED", "60").containsEntry("AVAILABLE", "30")
                .containsEntry("FREE", "40").containsEntry("USED_PCT", "66.67").containsEntry("INODES_USED_PCT", "60");
    }

    @Test
    void psKeepsTheTopByCpuAndByMemoryWithCpuFromTheWindow() {
        ProcReading busy0 = new ProcReading(1, "root", "busy", "RUNNING", 100, 1000, 10_000);
        ProcReading fat0 = new ProcReading(2, "pg", "fat", "SLEEPING", 900, 100, 10_000);
        ProcReading idle0 = new ProcReading(3, "me", "idle", "SLEEPING", 10, 5000, 10_000);
        Deque<PsReading> readings = new ArrayDeque<>(List.of(
                new PsReading(3, 7, 1000, List.of(busy0, fat0, idle0)),
                new PsReading(3, 7, 1000, List.of(new ProcReading(1, "root", "busy", "RUNNING", 100, 1500, 11_000),
                        new ProcReading(2, "pg", "fat", "SLEEPING", 900, 100, 11_000),
                        new ProcReading(3, "me", "idle", "SLEEPING", 10, 5000, 11_000)))));
        PsCollector c = new PsCollector(readings::poll);
        // first reading: lifetime averages (idle has used half its life)
        assertThat(values(c.collect(), Map.of("pid", "3"))).containsEntry("CPU", "50");

        List<Metric> second = PsCollector.metrics(readings.peek(), Map.of(1, busy0, 2, fat0, 3, idle0), 1);
        assertThat(values(second, Map.of())).containsExactly(Map.entry("PROCESSES", "3"), Map.entry("THREADS", "7"),
                Map.entry("RUNNING", "1"));
        assertThat(values(second, Map.of("pid", "1"))).containsExactly(Map.entry("USER", "root"),
                Map.entry("CPU", "50"), Map.entry("MEM", "10"), Map.entry("RSS", "100"), Map.entry("STATE", "RUNNING"),
                Map.entry("NAME", "busy"));
        assertThat(values(second, Map.of("pid", "2"))).containsEntry("MEM", "90").containsEntry("CPU", "0");
        assertThat(values(second, Map.of("pid", "3"))).isEmpty(); // neither top 1 by CPU nor by memory
    }

    @Test
    void loadNeedsThreeNonNegativeValues() {
        assertThat(values(new LoadCollector(() -> new double[] {0.52, 0.4, 0.333}).collect(), Map.of()))
                .containsExactly(Map.entry("LOAD", "0.52"), Map.entry("LOAD5", "0.4"), Map.entry("LOAD15", "0.33"));
        assertThatThrownBy(() -> new LoadCollector(() -> new double[] {-1, -1, -1}).collect())
                .hasMessageContaining("not available");
    }

    @Test
    void realNodeCollectorsAnswerOnLinux() {
        assumeTrue(Oshi.isLinux(), "Linux only");
        assertThat(values(new LoadCollector().collect(), Map.of())).containsOnlyKeys("LOAD", "LOAD5", "LOAD15");
        assertThat(values(new MemCollector().collect(), Map.of()).get("MEM_TOTAL")).matches("[1-9]\\d+");
        assertThat(values(new UptimeCollector().collect(), Map.of())).containsKeys("UPTIME", "BOOT_TIME");
        assertThat(values(new OsCollector().collect(), Map.of()).get("OS")).isNotBlank();
        assertThat(new FsCollector().collect()).extracting(m -> m.labels().get("mount")).contains("/");
        assertThat(values(new PsCollector().collect(), Map.of()).get("PROCESSES")).matches("[1-9]\\d*");
        new DiskCollector().collect(); // a container may have no disks; it must not throw
    }
}
