package gomd.core.internal.console;

import gomd.core.api.Record;
import gomd.core.api.Reply;
import gomd.core.api.Table;

/**
 * The answer to one request, sent line by line as the command writes it and counted against
 * the answer size limit. Commands may write from several threads (a cluster fan-out), hence
 * the locking.
 */
final class SessionReply implements Reply {

    private final ConsoleSession session;
    private final long maxBytes;
    private long bytes;
    private volatile boolean cut;
    /** Set before the terminator is sent: a command thread writing late must not break the framing. */
    private volatile boolean finished;

    SessionReply(ConsoleSession session, long maxBytes) {
        this.session = session;
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void record(Record record) {
        if (record.fields().isEmpty()) {
            return; // it would be an empty line, which reads as an empty text line
        }
        String line = Wire.record(record);
        // A record starting with ERROR would read as the error terminator: send it as text instead.
        send(line.startsWith("(ERROR:") ? Wire.text(line) : line);
    }

    @Override
    public synchronized void table(Table table) {
        for (int i = 0; i < table.rows().size() && !isClosed(); i++) {
            record(table.row(i));
        }
    }

    @Override
    public synchronized void text(String line) {
        send(Wire.text(line));
    }

    /** True once the client has gone, the answer was cut or is finished: the command should stop. */
    @Override
    public boolean isClosed() {
        return cut || finished || session.isClosed();
    }

    /** Ends the body: later writes are dropped, so the terminator that follows stays the last line. */
    synchronized void finish() {
        finished = true;
    }

    /** Whether the answer went over the size limit and lost its end. */
    boolean wasCut() {
        return cut;
    }

    private void send(String line) {
        if (isClosed()) {
            return;
        }
        byte[] bytesOfLine = ConsoleSession.lineBytes(line);
        if (bytes + bytesOfLine.length > maxBytes) {
            cut = true;
            return;
        }
        bytes += bytesOfLine.length;
        session.write(bytesOfLine);
    }
}
