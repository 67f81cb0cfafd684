package gomd.core.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A whole answer held in memory: a {@link Reply} that collects, for in-process callers
 * (tests, other bundles, the cluster fan-out) that want the result rather than a stream.
 * Thread-safe.
 */
public final class Result implements Reply {

    private final List<ResultItem> items = Collections.synchronizedList(new ArrayList<>());
    private volatile CommandException error;

    /** The answer of {@code command.execute(request, result)}, with a thrown failure kept as {@link #error()}. */
    public static Result of(Command command, Request request) {
        Result result = new Result();
        try {
            command.execute(request, result);
        } catch (CommandException e) {
            result.fail(e);
        }
        return result;
    }

    /** A result that is only this error. */
    public static Result failed(ErrorCode code, String message) {
        Result r = new Result();
        r.fail(new CommandException(code, message));
        return r;
    }

    @Override
    public void record(Record record) {
        items.add(record);
    }

    @Override
    public void table(Table table) {
        items.add(table);
    }

    @Override
    public void text(String line) {
        items.add(new Text(line));
    }

    @Override
    public boolean isClosed() {
        return false;
    }

    /** Marks this result as failed; items written before stay. */
    public void fail(CommandException e) {
        this.error = e;
    }

    public Optional<CommandException> error() {
        return Optional.ofNullable(error);
    }

    public boolean isOk() {
        return error == null;
    }

    public List<ResultItem> items() {
        synchronized (items) {
            return List.copyOf(items);
        }
    }

    /** Every record, with table rows flattened into records. */
    public List<Record> records() {
        List<Record> out = new ArrayList<>();
        for (ResultItem item : items()) {
            if (item instanceof Record r) {
                out.add(r);
            } else if (item instanceof Table t) {
                for (int i = 0; i < t.rows().size(); i++) {
                    out.add(t.row(i));
                }
            }
        }
        return out;
    }

    /** Every text line. */
    public List<String> lines() {
        return items().stream().filter(Text.class::isInstance).map(i -> ((Text) i).line()).toList();
    }

    @Override
    public String toString() {
        return "Result" + items() + (error == null ? "" : " error " + error.code() + ": " + error.getMessage());
    }
}
