package gomd.core.internal.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static LineReader reader(String input) {
        return new LineReader(new ByteArrayInputStream(input.getBytes(UTF_8)));
    }

    private static String next(LineReader r, int max) throws IOException {
        LineReader.Line line = r.next(max);
        return line == null ? null : line.tooLong() ? "<too long>" : new String(line.bytes(), UTF_8);
    }

    @Test
    void splitsOnNewlineAndDropsOneCarriageReturn() throws Exception {
        LineReader r = reader("help\r\nget load\n\n\r\r\nx");
        assertThat(next(r, 100)).isEqualTo("help");
        assertThat(next(r, 100)).isEqualTo("get load");
        assertThat(next(r, 100)).isEmpty();
        assertThat(next(r, 100)).isEqualTo("\r");
        assertThat(next(r, 100)).as("a last line without newline is not a request").isNull();
    }

    @Test
    void aLineOverTheLimitIsSkippedAndTheNextOneRead() throws Exception {
        LineReader r = reader("12345\n123456\n" + "y".repeat(100_000) + "\r\nok\n");
        assertThat(next(r, 5)).isEqualTo("12345");
        assertThat(next(r, 5)).isEqualTo("<too long>");
        assertThat(next(r, 5)).isEqualTo("<too long>");
        assertThat(next(r, 5)).isEqualTo("ok");
        assertThat(next(r, 5)).isNull();
    }

    @Test
    void theCarriageReturnDoesNotCountAgainstTheLimit() throws Exception {
        LineReader r = reader("12345\r\n");
        assertThat(next(r, 5)).isEqualTo("12345");
    }

    @Test
    void linesArriveInAnyPieces() throws Exception {
        byte[] bytes = "get load\r\nhelp\n".getBytes(UTF_8);
        // one byte per read, as a slow network may deliver it
        InputStream trickle = new InputStream() {
            int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i == bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
        LineReader r = new LineReader(trickle);
        assertThat(next(r, 64)).isEqualTo("get load");
        assertThat(next(r, 64)).isEqualTo("help");
        assertThat(next(r, 64)).isNull();
    }
}
