package gomd.client.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

/**
 * Splits a byte stream into UTF-8 lines ended by {@code \n} (a {@code \r} before it dropped),
 * waiting no longer than a deadline and holding no more than a byte budget. Only a line end
 * ends a line: bytes after the last {@code \n} at end of stream are not a line.
 */
public final class LineReader {

    /** A byte source whose read waits at most {@code timeoutMillis} (positive). */
    public interface Source {
        /** Like {@link java.io.InputStream#read(byte[], int, int)}; throws {@link SocketTimeoutException} when the time is up. */
        int read(byte[] b, int off, int len, long timeoutMillis) throws IOException;
    }

    /** The bytes an answer may still take; shared by the lines of one answer. */
    public static final class Budget {
        private final int limit;
        private long left;

        public Budget(int limit) {
            this.limit = limit;
            this.left = limit;
        }

        public int limit() {
            return limit;
        }
    }

    private static final int KEPT_LINE_BUFFER = 64 * 1024;

    private final Source source;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int end;
    private byte[] line = new byte[256];
    private int lineLength;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    public LineReader(Source source) {
        this.source = source;
    }

    /**
     * The next line without its line end, or null at end of stream.
     *
     * @throws SocketTimeoutException when the deadline passes first
     * @throws CommandException       {@link ErrorCode#TOO_LARGE} when the budget runs out,
     *                                {@link ErrorCode#FAILED} for bytes that are not UTF-8
     */
    public String readLine(Deadline deadline, Budget budget) throws IOException, CommandException {
        lineLength = 0;
        if (line.length > KEPT_LINE_BUFFER) {
            line = new byte[256]; // an idle pooled connection should not hold on to one huge line
        }
        while (true) {
            if (pos == end && !fill(deadline)) {
                return null;
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            boolean complete = pos < end;
            int taken = pos - start + (complete ? 1 : 0);
            if (taken > budget.left) {
                throw new CommandException(ErrorCode.TOO_LARGE, "answer larger than " + budget.limit() + " bytes");
            }
            budget.left -= taken;
            append(start, pos - start);
            if (complete) {
                pos++;
                int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                return decode(length);
            }
        }
    }

    /** True when bytes have been received beyond the last line returned. */
    public boolean hasBuffered() {
        return pos < end;
    }

    private boolean fill(Deadline deadline) throws IOException {
        long ms = deadline.remainingMillis();
        if (ms == 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        int n = source.read(buf, 0, buf.length, ms);
        if (n < 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }

    private void append(int from, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buf, from, line, lineLength, length);
        lineLength += length;
    }

    private String decode(int length) throws CommandException {
        try {
            return utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw Wire.protocol("answer line is not valid UTF-8");
        }
    }
}
