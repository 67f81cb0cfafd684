package gomd.core.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a command writes its answer. Front ends send each item as soon as it is written,
 * so a command that produces output over time (cluster execution) streams it.
 */
@ProviderType
public interface Reply {

    /** One {@code (KEY:VALUE)(KEY:VALUE)} record. */
    void record(Record record);

    /** A table: columns and rows (the console sends one record per row). */
    void table(Table table);

    /** One line of free text (help, program output). */
    void text(String line);

    /** True once the caller has gone away: a long-running command should stop. */
    boolean isClosed();
}
