package gomd.scx.internal;

import java.nio.charset.StandardCharsets;

/**
 * Bounds the output of a run: each source (a node) may pass {@code perSource} bytes and all
 * sources together {@code total} bytes; the first line over a limit is replaced by one cut
 * marker and the rest of that source's output is dropped (the program keeps running and is
 * drained, so its exit code is still known). Bytes are counted as UTF-8 plus one line end.
 */
final class OutputCap {

    private final long perSource;
    private final long total;
    private long totalUsed;

    OutputCap(long perSource, long total) {
        this.perSource = perSource;
        this.total = total;
    }

    /** A sink for one source, writing to {@code out}. */
    Source source(LineSink out) {
        return new Source(out);
    }

    /** One source's share of the cap. */
    final class Source implements LineSink {
        private final LineSink out;
        private long used;
        private boolean cut;

        private Source(LineSink out) {
            this.out = out;
        }

        @Override
        public void line(String line) {
            String marker = null;
            synchronized (OutputCap.this) {
                if (cut) {
                    return;
                }
                long n = line.getBytes(StandardCharsets.UTF_8).length + 1L;
                if (used + n > perSource) {
                    cut = true;
                    marker = "[gomd: output cut: more than " + perSource + " bytes from this node]";
                } else if (totalUsed + n > total) {
                    cut = true;
                    marker = "[gomd: output cut: more than " + total + " bytes from all nodes]";
                } else {
                    used += n;
                    totalUsed += n;
                }
            }
            out.line(marker == null ? line : marker);
        }

        boolean isCut() {
            synchronized (OutputCap.this) {
                return cut;
            }
        }
    }
}
