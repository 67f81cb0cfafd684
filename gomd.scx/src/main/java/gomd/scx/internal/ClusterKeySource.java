package gomd.scx.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the cluster key comes from, first found wins: {@code cluster.key} of gomd.scx's own
 * configuration, {@code cluster.key} of gomd.rgs's configuration (so one setting serves both),
 * the key file of gomd.rgs ({@code cluster.keyFile}, default {@code etc/gomd/cluster.key} under
 * the node home; its text, trailing blanks removed, as gomd.rgs reads it). gomd.rgs's built-in
 * default key is never used: it is public, so requests signed with it would prove nothing;
 * without a key, remote execution is off.
 */
final class ClusterKeySource {

    static final String KEY_FILE = "etc/gomd/cluster.key";
    private static final int MAX_FILE = 4096;

    /**
     * A key and where it came from.
     *
     * @param secret the key text
     * @param source for the log, never the key itself
     */
    record Choice(String secret, String source) {
        @Override
        public String toString() {
            return source;
        }
    }

    private ClusterKeySource() {
    }

    /**
     * Picks the key.
     *
     * @throws IOException when the key file exists but cannot be read, is too long or empty
     */
    static Optional<Choice> pick(String scxConfigured, Supplier<Optional<String>> rgsConfigured, Path keyFile)
            throws IOException {
        if (!scxConfigured.isBlank()) {
            return Optional.of(new Choice(scxConfigured.strip(), "gomd.scx cluster.key"));
        }
        Optional<String> rgs = rgsConfigured.get().filter(s -> !s.isBlank());
        if (rgs.isPresent()) {
            return Optional.of(new Choice(rgs.get().strip(), "gomd.rgs cluster.key"));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(keyFile)) {
            bytes = in.readNBytes(MAX_FILE + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (bytes.length > MAX_FILE) {
            throw new IOException(keyFile + ": longer than " + MAX_FILE + " bytes");
        }
        String text = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
        if (text.isEmpty()) {
            throw new IOException(keyFile + ": empty");
        }
        return Optional.of(new Choice(text, keyFile.toString()));
    }
}
