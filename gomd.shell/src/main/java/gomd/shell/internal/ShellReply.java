package gomd.shell.internal;

import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.support.table.ShellTable;

import gomd.core.api.Record;
import gomd.core.api.Reply;
import gomd.core.api.Table;

/**
 * Prints an answer for people on the Karaf console as it arrives: a record as aligned
 * {@code KEY: VALUE} lines, a table as a {@link ShellTable}, text as it is. Control characters
 * other than tab (C0, DEL and C1) are shown as {@code \xHH} so that no answer can drive the terminal.
 */
final class ShellReply implements Reply {

    private final PrintStream out;
    private final Thread caller = Thread.currentThread();
    /** The last thing printed was a record or a table: the next one gets an empty line before it. */
    private boolean afterBlock;

    ShellReply(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void record(Record record) {
        separate();
        int width = record.fields().keySet().stream().mapToInt(String::length).max().orElse(0);
        record.fields().forEach((key, value) ->
                out.println(key + ":" + " ".repeat(width - key.length() + 1) + printable(value)));
        afterBlock = true;
    }

    @Override
    public synchronized void table(Table table) {
        separate();
        ShellTable shellTable = new ShellTable();
        table.columns().forEach(shellTable::column);
        for (List<String> row : table.rows()) {
            shellTable.addRow().addContent(row.stream().map(ShellReply::printable).toArray());
        }
        shellTable.print(out);
        afterBlock = true;
    }

    @Override
    public synchronized void text(String line) {
        out.println(printable(line));
        afterBlock = false;
    }

    /** Ctrl-C in the shell interrupts the thread that runs the command. */
    @Override
    public boolean isClosed() {
        return caller.isInterrupted();
    }

    synchronized void flush() {
        out.flush();
    }

    private void separate() {
        if (afterBlock) {
            out.println();
        }
    }

    static String printable(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f; // C1 too: U+009B is CSI
            if (control && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (control) {
                sb.append(String.format("\\x%02X", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
