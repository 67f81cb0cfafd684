package gomd.core.internal.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingLogTest {

    @TempDir
    Path dir;

    @Test
    void rotatesBySizeKeepingNFilesAndLosingNoLineInBetween() throws Exception {
        Path file = dir.resolve("log/gomd-stats.log");
        try (RotatingLog log = new RotatingLog(file, 100, 2)) {
            for (int i = 0; i < 20; i++) {
                log.append(String.format("line %02d of the stats log", i)); // 25 bytes: 4 lines per file
            }
        }
        assertThat(file.resolveSibling("gomd-stats.log.3")).doesNotExist();
        List<String> all = new ArrayList<>();
        all.addAll(Files.readAllLines(file.resolveSibling("gomd-stats.log.2")));
        all.addAll(Files.readAllLines(file.resolveSibling("gomd-stats.log.1")));
        all.addAll(Files.readAllLines(file));
        for (Path p : List.of(file, file.resolveSibling("gomd-stats.log.1"), file.resolveSibling("gomd-stats.log.2"))) {
            assertThat(Files.size(p)).isLessThanOrEqualTo(100);
        }
        // the newest lines, in order, with none missing between the oldest kept and the last
        assertThat(all).hasSize(12);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i)).isEqualTo(String.format("line %02d of the stats log", 8 + i));
        }
    }

    @Test
    void appendsAfterRestartAndEndsAHalfWrittenLineFirst() throws Exception {
        Path file = dir.resolve("stats.log");
        Files.writeString(file, "2026-01-01T00:00:00Z load (LOAD:1)\n2026-01-01T00:00:10Z load (LO");
        try (RotatingLog log = new RotatingLog(file, 1 << 20, 3)) {
            log.append("2026-01-01T00:00:20Z load (LOAD:2)");
        }
        try (RotatingLog log = new RotatingLog(file, 1 << 20, 3)) {
            log.append("2026-01-01T00:00:30Z load (LOAD:3)");
        }
        assertThat(Files.readAllLines(file)).containsExactly("2026-01-01T00:00:00Z load (LOAD:1)",
                "2026-01-01T00:00:10Z load (LO", "2026-01-01T00:00:20Z load (LOAD:2)",
                "2026-01-01T00:00:30Z load (LOAD:3)");
    }

    @Test
    void keepZeroStartsOverWithoutRotatedFiles() throws Exception {
        Path file = dir.resolve("stats.log");
        try (RotatingLog log = new RotatingLog(file, 30, 0)) {
            log.append("a".repeat(20));
            log.append("b".repeat(20));
        }
        assertThat(Files.readAllLines(file)).containsExactly("b".repeat(20));
        assertThat(file.resolveSibling("stats.log.1")).doesNotExist();
    }

    @Test
    void aFileRemovedUnderTheLogIsMadeAgainAtTheNextRotation() throws Exception {
        Path file = dir.resolve("stats.log");
        try (RotatingLog log = new RotatingLog(file, 30, 2)) {
            log.append("a".repeat(20));
            Files.delete(file); // an admin's rm or logrotate
            log.append("b".repeat(20));
            log.append("c".repeat(20));
        }
        assertThat(Files.readAllLines(file)).containsExactly("c".repeat(20));
        assertThat(Files.readAllLines(file.resolveSibling("stats.log.1"))).containsExactly("b".repeat(20));
    }
}
