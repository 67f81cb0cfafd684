package gomd.core.api;

/** One item of an answer: a {@link Record}, a {@link Table} or a line of {@link Text}. */
public sealed interface ResultItem permits Record, Table, Text {
}
