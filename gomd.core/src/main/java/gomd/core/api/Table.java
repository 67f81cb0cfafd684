package gomd.core.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Columns and rows, e.g. a process list. The console sends each row as a record keyed by the
 * column names; the Karaf shell prints it as a table.
 */
public final class Table implements ResultItem {

    private final List<String> columns;
    private final List<List<String>> rows;

    private Table(List<String> columns, List<List<String>> rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows.stream().map(List::copyOf).toList();
    }

    /** Starts a table with these column names (each a valid {@link Record#KEY}). */
    public static Builder builder(String... columns) {
        return new Builder(List.of(columns));
    }

    public static Builder builder(List<String> columns) {
        return new Builder(columns);
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<String>> rows() {
        return rows;
    }

    /** Row {@code i} as a record keyed by the column names. */
    public Record row(int i) {
        Record.Builder b = Record.builder();
        List<String> row = rows.get(i);
        for (int c = 0; c < columns.size(); c++) {
            b.put(columns.get(c), row.get(c));
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && columns.equals(t.columns) && rows.equals(t.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, rows);
    }

    @Override
    public String toString() {
        return "Table" + columns + rows;
    }

    public static final class Builder {
        private final List<String> columns;
        private final List<List<String>> rows = new ArrayList<>();

        private Builder(List<String> columns) {
            for (String c : columns) {
                if (!Record.KEY.matcher(c).matches()) {
                    throw new IllegalArgumentException("bad column name: " + c);
                }
            }
            this.columns = List.copyOf(columns);
        }

        /** Adds a row; it must have one cell per column (null cells become empty). */
        public Builder row(Object... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException(
                        "row has " + cells.length + " cells, table has " + columns.size() + " columns");
            }
            List<String> row = new ArrayList<>(cells.length);
            for (Object c : cells) {
                row.add(c == null ? "" : String.valueOf(c));
            }
            rows.add(row);
            return this;
        }

        public Table build() {
            return new Table(columns, rows);
        }
    }
}
