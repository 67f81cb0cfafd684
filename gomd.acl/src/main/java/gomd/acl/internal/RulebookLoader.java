package gomd.acl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Reads the rulebook file and tells what changed since the last look. It compares the whole
 * content (the file is small and bounded) rather than trusting modification times, so a rewrite
 * within the same second or with the same size is still seen. Not thread-safe: the policy
 * serializes calls.
 */
final class RulebookLoader {

    /** A bigger file is refused: a rulebook has dozens of lines, not megabytes. */
    static final int MAX_BYTES = 1 << 20;

    /** What a look at the file found. */
    sealed interface Outcome {
        /** Same as last time: nothing to do. */
        record Unchanged() implements Outcome {
        }

        /** A new rulebook, fully parsed. */
        record Loaded(Rulebook rulebook) implements Outcome {
        }

        /** There is no file. */
        record Missing() implements Outcome {
        }

        /** The file cannot be read or parsed: every problem, with file and line. */
        record Failed(String problem) implements Outcome {
        }
    }

    private static final Object MISSING = new Object();

    private final Path file;
    /** What the last look saw: the content, {@link #MISSING}, or why the file could not be read. */
    private Object lastSeen;

    RulebookLoader(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /**
     * Looks at the file.
     *
     * @param force report the outcome even if the file is as it was at the last look
     */
    Outcome check(boolean force, Instant now) {
        Object seen;
        byte[] bytes = null;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
            seen = ByteBuffer.wrap(bytes);
        } catch (NoSuchFileException e) {
            seen = MISSING;
        } catch (IOException e) {
            seen = file + ": cannot be read (" + e + ")";
        }
        if (!force && Objects.equals(seen, lastSeen)) {
            return new Outcome.Unchanged();
        }
        lastSeen = seen;
        if (seen == MISSING) {
            return new Outcome.Missing();
        }
        if (seen instanceof String problem) {
            return new Outcome.Failed(problem);
        }
        if (bytes.length > MAX_BYTES) {
            return new Outcome.Failed(file + ": larger than " + MAX_BYTES + " bytes");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return new Outcome.Loaded(RulebookParser.parse(text, file.toString(), now));
        } catch (CharacterCodingException e) {
            return new Outcome.Failed(file + ": not UTF-8 text");
        } catch (RulebookException e) {
            return new Outcome.Failed(e.getMessage());
        }
    }
}
