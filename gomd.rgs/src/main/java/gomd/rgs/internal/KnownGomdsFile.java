package gomd.rgs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cache file of known daemons, {@code data/gomd/knownGomds.conf} under the node home: one
 * daemon per line, {@code ADDRESS CONSOLE_PORT MEMBERSHIP_PORT NODE LAST_SEEN NAME}, {@code #}
 * comments. It is replaced atomically (written to a temporary file in the same directory,
 * forced to disk, renamed over the old one), so a crash leaves the old or the new file, never
 * half of one. Reading never fails a start: a corrupt line is skipped and reported.
 */
public final class KnownGomdsFile {

    /** Lines beyond this are ignored when reading and never written. */
    public static final int MAX_ENTRIES = 4096;
    private static final int MAX_LINE = 1024;
    private static final int MAX_BYTES = MAX_ENTRIES * 256;
    private static final String HEADER = """
            # gomd known daemons, written by gomd.rgs on every membership change and tried as
            # seeds at start. One daemon per line:
            # ADDRESS CONSOLE_PORT MEMBERSHIP_PORT NODE LAST_SEEN NAME
            """;

    private final Path path;

    public KnownGomdsFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /**
     * What reading found.
     *
     * @param gomds      the daemons, one per address and console port (the most recently seen wins)
     * @param problems   one message per skipped line, with its line number
     * @param duplicates how many lines named a daemon already read
     */
    public record Contents(List<KnownGomd> gomds, List<String> problems, int duplicates) {
    }

    /** Reads the file; a missing file is an empty cache. */
    public Contents read() throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(MAX_BYTES);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of(), 0);
        }
        Map<InetSocketAddress, KnownGomd> gomds = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int duplicates = 0;
        int lineNo = 0;
        for (int start = 0; start < bytes.length; ) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int lineStart = start;
            start = end + 1;
            lineNo++;
            String where = path + ":" + lineNo + ": ";
            KnownGomd gomd;
            try {
                String line = decode(bytes, lineStart, end - lineStart).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                gomd = parse(line);
            } catch (IllegalArgumentException e) {
                problems.add(where + e.getMessage() + ", line skipped");
                continue;
            }
            KnownGomd before = gomds.get(gomd.key());
            if (before != null) {
                duplicates++;
                if (!gomd.lastSeen().isAfter(before.lastSeen())) {
                    continue;
                }
            } else if (gomds.size() == MAX_ENTRIES) {
                problems.add(where + "more than " + MAX_ENTRIES + " daemons, the rest is ignored");
                break;
            }
            gomds.put(gomd.key(), gomd);
        }
        if (bytes.length == MAX_BYTES) {
            problems.add(path + ": longer than " + MAX_BYTES + " bytes, the rest is ignored");
        }
        return new Contents(List.copyOf(gomds.values()), problems, duplicates);
    }

    private static String decode(byte[] bytes, int offset, int length) {
        if (length > MAX_LINE) {
            throw new IllegalArgumentException("line longer than " + MAX_LINE + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8 text");
        }
    }

    /** Replaces the file with these daemons, most recently seen first. */
    public void write(Collection<KnownGomd> gomds) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(path.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Writer out = Channels.newWriter(ch, StandardCharsets.UTF_8);
            out.write(HEADER);
            for (KnownGomd g : gomds.stream().sorted(Comparator.comparing(KnownGomd::lastSeen).reversed())
                    .limit(MAX_ENTRIES).toList()) {
                out.write(format(g));
                out.write('\n');
            }
            out.flush();
            ch.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String format(KnownGomd g) {
        return g.address().getHostAddress() + ' ' + g.consolePort() + ' ' + g.membershipPort() + ' ' + g.number()
                + ' ' + g.lastSeen() + ' ' + g.name();
    }

    static KnownGomd parse(String line) {
        String[] f = line.split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 fields (ADDRESS CONSOLE_PORT MEMBERSHIP_PORT NODE LAST_SEEN NAME), found " + f.length);
        }
        InetAddress address = Addresses.literal(f[0]);
        int consolePort = number(f[1], "console port");
        int membershipPort = number(f[2], "membership port");
        int node = number(f[3], "node number");
        Instant lastSeen;
        try {
            lastSeen = Instant.parse(f[4]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad last-seen time '" + f[4] + "'");
        }
        return new KnownGomd(address, Ports.check(consolePort), Ports.check(membershipPort), node, lastSeen, f[5]);
    }

    private static int number(String s, String what) {
        try {
            int n = Integer.parseInt(s);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad " + what + " '" + s + "'");
        }
    }
}
