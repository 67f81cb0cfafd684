package gomd.core.internal.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits the request stream into lines with bounded memory: a line longer than the limit is
 * read to its end and thrown away, and only the fact that it was too long is kept.
 */
final class LineReader {

    /** One request line without its {@code \n} (and without a {@code \r} before it). */
    record Line(byte[] bytes, boolean tooLong) {
    }

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;

    LineReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads the next line.
     *
     * @param maxLength the most bytes a line may have, not counting {@code \r\n}
     * @return the line, or null at the end of the stream; a last line without {@code \n} is
     *         dropped, because a request cut by a lost connection must not run
     */
    Line next(int maxLength) throws IOException {
        byte[] line = new byte[Math.min(maxLength + 1, 256)];
        int len = 0;
        boolean tooLong = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return null;
                }
            }
            int start = pos;
            int end = start;
            while (end < limit && buf[end] != '\n') {
                end++;
            }
            boolean found = end < limit;
            pos = found ? end + 1 : end;
            if (!tooLong) {
                // Room for one byte over the limit: it may be the \r of \r\n.
                int n = end - start;
                if (len + n > maxLength + 1) {
                    tooLong = true;
                } else {
                    if (len + n > line.length) {
                        line = Arrays.copyOf(line, Math.min(maxLength + 1, Math.max(len + n, line.length * 2)));
                    }
                    System.arraycopy(buf, start, line, len, n);
                    len += n;
                }
            }
            if (found) {
                if (tooLong) {
                    return new Line(new byte[0], true);
                }
                if (len > 0 && line[len - 1] == '\r') {
                    len--;
                }
                return len > maxLength ? new Line(new byte[0], true) : new Line(Arrays.copyOf(line, len), false);
            }
        }
    }
}
