package gomd.scx.internal;

/** Where a program's output goes, one line at a time (without its line end). */
@FunctionalInterface
interface LineSink {
    void line(String line);
}
