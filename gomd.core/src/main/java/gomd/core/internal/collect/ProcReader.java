package gomd.core.internal.collect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

/**
 * {@code get proc FILE}: the raw text of a file below /proc (a directory gives its entries).
 * The path is walked one name at a time and every symbolic link is resolved before the next
 * name is looked at, so a link out of /proc ({@code self/root}, {@code self/cwd}, a
 * {@code fd/N} to /etc/passwd) is refused without revealing what lies behind it.
 */
final class ProcReader {

    static final int MAX_BYTES = 1 << 20;
    static final int MAX_PATH = 1024;
    /**
     * Never read: kernel memory and log (kmsg also blocks), the sysrq trigger, processes'
     * memory, environment and command lines (secrets: a key passed as {@code -Dgomd.cluster.key=K}
     * or a password in argv would go to any caller allowed to read statistics), page maps, and
     * kernel addresses (kallsyms, stack, syscall: they defeat KASLR when gomd runs as root).
     */
    static final Set<String> FORBIDDEN = Set.of("kcore", "kmsg", "sysrq-trigger", "mem", "environ", "cmdline",
            "pagemap", "kpagecount", "kpageflags", "kpagecgroup", "clear_refs", "map_files", "kallsyms", "stack",
            "syscall");

    private final Path root;
    private final Path realRoot;

    ProcReader(Path root) {
        this.root = root;
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            real = root.toAbsolutePath().normalize();
        }
        this.realRoot = real;
    }

    /** The file's lines (or a directory's entries, directories with a trailing {@code /}); a cut is marked. */
    List<String> read(String file) throws CommandException {
        Path path = resolve(file);
        try {
            if (Files.isDirectory(path)) {
                return list(path);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
            boolean cut = bytes.length > MAX_BYTES;
            String text = new String(bytes, 0, Math.min(bytes.length, MAX_BYTES), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(text.lines().toList());
            if (cut) {
                lines.add("[cut: " + shown(file) + " is longer than " + MAX_BYTES + " bytes]");
            }
            return lines;
        } catch (NoSuchFileException e) {
            throw notFound(file);
        } catch (AccessDeniedException e) {
            throw new CommandException(ErrorCode.FAILED, "cannot read " + shown(file) + ": permission denied");
        } catch (IOException e) {
            throw new CommandException(ErrorCode.FAILED, "cannot read " + shown(file) + ": " + e.getMessage());
        }
    }

    /** The real path of {@code file} below the root; refuses anything that leaves it. */
    Path resolve(String file) throws CommandException {
        if (file.isEmpty() || file.length() > MAX_PATH) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "usage: get proc FILE (a path below /proc)");
        }
        if (file.startsWith("/")) {
            throw outside(file);
        }
        Path current = realRoot;
        for (String name : file.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                throw outside(file);
            }
            if (FORBIDDEN.contains(name)) {
                throw forbidden(file);
            }
            Path next;
            try {
                next = current.resolve(name);
            } catch (InvalidPathException e) {
                throw new CommandException(ErrorCode.BAD_REQUEST, "not a file name: " + name);
            }
            if (Files.isSymbolicLink(next)) {
                try {
                    next = next.toRealPath();
                } catch (IOException e) {
                    throw notFound(file);
                }
                if (!next.startsWith(realRoot)) {
                    throw outside(file);
                }
                for (Path p : realRoot.relativize(next)) {
                    if (FORBIDDEN.contains(p.toString())) {
                        throw forbidden(file);
                    }
                }
            } else if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                throw notFound(file);
            }
            current = next;
        }
        return current;
    }

    private static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        long bytes = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "");
                bytes += name.length() + 1;
                if (bytes > MAX_BYTES) {
                    break;
                }
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    private String shown(String file) {
        return root + "/" + file;
    }

    private CommandException outside(String file) {
        return new CommandException(ErrorCode.BAD_REQUEST, "not a path inside " + root + ": " + file);
    }

    private CommandException forbidden(String file) {
        return new CommandException(ErrorCode.DENIED, "reading " + shown(file) + " is not allowed");
    }

    private CommandException notFound(String file) {
        return new CommandException(ErrorCode.NOT_FOUND, "no " + shown(file));
    }
}
