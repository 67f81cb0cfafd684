package gomd.scx.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the policy of {@code etc/gomd/scx.conf} in force: {@link #refresh()} (called at start
 * and then every few seconds) reads the file and puts it in force when it changed and parses;
 * a file that does not parse is reported with its line numbers and the last good policy stays.
 * A missing file means the default: every command blocked.
 */
final class PolicyStore {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyStore.class);
    static final int MAX_FILE_BYTES = 64 * 1024;

    private final Path file;
    private final Clock clock;
    private volatile Policy current;
    private volatile String lastError;
    private boolean looked;
    private byte[] lastContent;

    PolicyStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.current = Policy.blocked("built-in default", clock.instant());
    }

    Path file() {
        return file;
    }

    Policy current() {
        return current;
    }

    /** Why the file as it is now is not in force, if it is not. */
    Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** Reads the file if it changed since the last call and puts it in force if it parses. */
    synchronized void refresh() {
        byte[] content;
        try {
            content = read();
        } catch (IOException e) {
            String error = file + ": cannot read: " + e.getMessage();
            if (!error.equals(lastError)) {
                LOG.warn("SCX policy {} not reloaded, keeping {}: {}", file, current.source(), error);
            }
            lastError = error;
            return;
        }
        if (looked && Arrays.equals(content, lastContent)) {
            return;
        }
        looked = true;
        lastContent = content;
        if (content == null) {
            current = Policy.blocked("built-in default (no " + file + ")", clock.instant());
            lastError = null;
            LOG.info("SCX: no policy file {}: every command is blocked", file);
            return;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            Policy p = PolicyParser.parse(text, file.toString(), clock.instant());
            current = p;
            lastError = null;
            LOG.info("SCX: policy loaded from {}: {}", file, p.all());
            if (!p.catchAll().flag().equals(PolicyFlag.SCX_CMD_BLOCKED)) {
                LOG.warn("SCX: {} allows every command that no rule blocks ({})", file, p.catchAll());
            }
        } catch (CharacterCodingException e) {
            lastError = file + ": not UTF-8 text";
            LOG.warn("SCX policy {} not put in force, keeping {}: {}", file, current.source(), lastError);
        } catch (PolicyException e) {
            lastError = e.getMessage();
            for (String problem : e.problems()) {
                LOG.warn("SCX policy not put in force, keeping {}: {}", current.source(), problem);
            }
        }
    }

    /** The file's bytes, or null when there is no file. */
    private byte[] read() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(MAX_FILE_BYTES + 1);
            if (b.length > MAX_FILE_BYTES) {
                throw new IOException("larger than " + MAX_FILE_BYTES + " bytes");
            }
            return b;
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
