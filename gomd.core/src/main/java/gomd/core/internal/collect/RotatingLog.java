package gomd.core.internal.collect;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only text file rotated by size: {@code FILE} is renamed to {@code FILE.1} (and
 * {@code FILE.1} to {@code FILE.2} ... up to {@code keep}) before a line would make it larger
 * than {@code maxBytes}. Each line goes to the file in one write, and renames never copy, so
 * a crash loses at most the line being written; a half line left by a crash is ended before
 * the next line is appended.
 */
final class RotatingLog implements Closeable {

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private FileChannel out;
    private long size;

    RotatingLog(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        open();
    }

    synchronized void append(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (size > 0 && size + bytes.length > maxBytes) {
            rotate();
        }
        write(bytes);
    }

    private void open() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        size = out.size();
        if (size > 0 && !endsWithNewline()) {
            write("\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, size - 1);
            return last.get(0) == '\n';
        }
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        size += bytes.length;
    }

    /** Reopens the file even when a rename fails, so one failed rotation does not end the log. */
    private void rotate() throws IOException {
        out.close();
        try {
            if (keep == 0) {
                Files.deleteIfExists(file);
            } else {
                Files.deleteIfExists(rotated(keep));
                for (int i = keep - 1; i >= 1; i--) {
                    if (Files.exists(rotated(i))) {
                        Files.move(rotated(i), rotated(i + 1), StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                if (Files.exists(file)) {
                    Files.move(file, rotated(1), StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } finally {
            open();
        }
    }

    Path rotated(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
