package gomd.rgs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownGomdsFileTest {

    @TempDir
    Path dir;

    private static KnownGomd gomd(String address, int port, int node, String seen) throws IOException {
        return new KnownGomd(InetAddress.getByName(address), port, port + 4, node, Instant.parse(seen), "host" + node);
    }

    @Test
    void writesOneLinePerDaemonAndReadsThemBack() throws IOException {
        KnownGomdsFile file = new KnownGomdsFile(dir.resolve("data/gomd/knownGomds.conf"));
        List<KnownGomd> gomds = List.of(gomd("192.168.0.4", 9889, 4, "2026-01-02T03:04:05Z"),
                gomd("fd00::7", 9889, 7, "2026-01-03T03:04:05Z"));

        file.write(gomds);

        assertThat(Files.readAllLines(file.path())).filteredOn(l -> !l.startsWith("#")).containsExactly(
                "fd00:0:0:0:0:0:0:7 9889 9893 7 2026-01-03T03:04:05Z host7",
                "192.168.0.4 9889 9893 4 2026-01-02T03:04:05Z host4");
        KnownGomdsFile.Contents read = file.read();
        assertThat(read.gomds()).containsExactlyInAnyOrderElementsOf(gomds);
        assertThat(read.problems()).isEmpty();
    }

    @Test
    void replacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
        KnownGomdsFile file = new KnownGomdsFile(dir.resolve("knownGomds.conf"));
        Files.writeString(file.path(), "old content that is not a daemon\n");
        // a crash during an earlier write left its temporary file behind
        Files.writeString(dir.resolve("knownGomds.conf.tmp"), "half a li");

        file.write(List.of(gomd("10.1.2.3", 9889, 515, "2026-01-02T03:04:05Z")));

        assertThat(Files.readString(file.path())).doesNotContain("old content").contains("10.1.2.3 9889 9893 515");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("knownGomds.conf");
        }
    }

    @Test
    void corruptLinesAreSkippedWithTheirLineNumber() throws IOException {
        Path path = dir.resolve("knownGomds.conf");
        byte[] notUtf8 = {'1', '0', '.', '0', '.', '0', '.', '9', ' ', (byte) 0xff, (byte) 0xfe, '\n'};
        Files.writeString(path, """
                # comment
                192.168.0.4 9889 9893 4 2026-01-02T03:04:05Z node4

                192.168.0.5 9889 9893 5
                node6.example.org 9889 9893 6 2026-01-02T03:04:05Z node6
                192.168.0.7 99999 9893 7 2026-01-02T03:04:05Z node7
                192.168.0.8 9889 9893 8 yesterday node8
                """);
        Files.write(path, notUtf8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(path, "192.168.0.10 9889 9893 10 2026-01-02T03:04:05Z node10\n",
                java.nio.file.StandardOpenOption.APPEND);

        KnownGomdsFile.Contents read = new KnownGomdsFile(path).read();

        assertThat(read.gomds()).extracting(KnownGomd::number).containsExactly(4, 10);
        assertThat(read.problems()).hasSize(5);
        assertThat(read.problems().get(0)).isEqualTo(path + ":4: expected 6 fields "
                + "(ADDRESS CONSOLE_PORT MEMBERSHIP_PORT NODE LAST_SEEN NAME), found 4, line skipped");
        assertThat(read.problems().get(1)).startsWith(path + ":5: 'node6.example.org' is not an IP address");
        assertThat(read.problems().get(2)).startsWith(path + ":6: port 99999 is not in 1..65535");
        assertThat(read.problems().get(3)).startsWith(path + ":7: bad last-seen time 'yesterday'");
        assertThat(read.problems().get(4)).startsWith(path + ":8: not UTF-8 text");
    }

    @Test
    void duplicatesAreDiscardedKeepingTheMostRecentlySeen() throws IOException {
        Path path = dir.resolve("knownGomds.conf");
        Files.writeString(path, """
                192.168.0.4 9889 9893 4 2026-01-02T00:00:00Z old
                192.168.0.4 9889 9893 4 2026-03-02T00:00:00Z newest
                192.168.0.4 9889 9893 4 2026-02-02T00:00:00Z middle
                192.168.0.4 9890 9894 4 2026-01-02T00:00:00Z other-port
                """);

        KnownGomdsFile.Contents read = new KnownGomdsFile(path).read();

        assertThat(read.gomds()).extracting(KnownGomd::name).containsExactly("newest", "other-port");
        assertThat(read.duplicates()).isEqualTo(2);
    }

    @Test
    void aMissingFileIsAnEmptyCache() throws IOException {
        KnownGomdsFile.Contents read = new KnownGomdsFile(dir.resolve("nothing-here")).read();
        assertThat(read.gomds()).isEmpty();
        assertThat(read.problems()).isEmpty();
    }

    @Test
    void hostNamesWithBlanksOrControlCharactersAreNotWrittenAsTheyAre() throws IOException {
        KnownGomd g = new KnownGomd(InetAddress.getByName("10.0.0.1"), 9889, 9893, 1,
                Instant.parse("2026-01-02T03:04:05Z"), "evil name\n10.6.6.6 1 5 6");
        assertThat(KnownGomdsFile.format(g)).isEqualTo("10.0.0.1 9889 9893 1 2026-01-02T03:04:05Z -");
    }
}
