package gomd.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import gomd.core.api.Record;
import gomd.core.api.Table;

class ShellReplyTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ShellReply reply = new ShellReply(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void printsARecordAsAlignedKeyValueLines() {
        reply.record(Record.builder().put("LOAD", "0.52").put("LOAD15", "0.33").build());
        assertThat(printed()).isEqualTo("LOAD:   0.52\nLOAD15: 0.33\n");
    }

    @Test
    void separatesRecordsButNotText() {
        reply.record(Record.of("A", 1));
        reply.record(Record.of("B", 2));
        reply.text("line one");
        reply.text("line two");
        assertThat(printed()).isEqualTo("A: 1\n\nB: 2\nline one\nline two\n");
    }

    @Test
    void printsATableWithItsColumns() {
        reply.table(Table.builder("PID", "NAME").row(1, "init").row(42, "gomd").build());
        String out = printed();
        assertThat(out.lines().findFirst().orElseThrow()).contains("PID").contains("NAME");
        assertThat(out).contains("init").contains("gomd").contains("42");
    }

    @Test
    void neverSendsControlCharactersToTheTerminal() {
        reply.text("red \u001B[31m bell \u0007\ttab \u009B2J");
        reply.record(Record.of("V", "two\nlines"));
        assertThat(printed()).isEqualTo("red \\x1B[31m bell \\x07\ttab \\x9B2J\nV: two\\x0Alines\n");
    }
}
