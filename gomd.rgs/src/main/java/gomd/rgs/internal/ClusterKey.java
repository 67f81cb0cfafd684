package gomd.rgs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.Set;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster key: the shared secret every daemon of a cluster holds. Taken from the setting
 * {@code cluster.key}, else from the key file ({@code etc/gomd/cluster.key} under the home, its
 * text with trailing blanks removed), else a built-in default that keeps out nothing but
 * daemons of other clusters (a warning says so).
 *
 * <p>The secret never travels: {@link #derive} turns it into a 256-bit key with PBKDF2-HMAC-SHA256,
 * salted with the cluster name, and {@link KeyGuard} seals every membership message with it.
 *
 * @param secret the secret text
 * @param origin where it came from
 * @param file   the key file it was read from, or null
 */
public record ClusterKey(String secret, Origin origin, Path file) {

    /** Where a key came from. */
    public enum Origin { SETTING, FILE, DEFAULT }

    static final String DEFAULT_SECRET = "gomd default cluster key: set cluster.key or etc/gomd/cluster.key";
    private static final int MAX_FILE = 4096;
    private static final int ITERATIONS = 100_000;

    public ClusterKey {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("empty cluster key");
        }
    }

    @Override
    public String toString() {
        return "ClusterKey[" + source() + "]";
    }

    /** Where it came from, for the log. */
    public String source() {
        return switch (origin) {
            case SETTING -> "the cluster.key setting";
            case FILE -> file.toString();
            case DEFAULT -> "the built-in default";
        };
    }

    public boolean isDefault() {
        return origin == Origin.DEFAULT;
    }

    /** Picks the key: configured text, else the key file, else the default. */
    public static ClusterKey load(String configured, Path keyFile) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return new ClusterKey(configured.strip(), Origin.SETTING, null);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(keyFile)) {
            bytes = in.readNBytes(MAX_FILE + 1);
        } catch (NoSuchFileException e) {
            return new ClusterKey(DEFAULT_SECRET, Origin.DEFAULT, null);
        }
        if (bytes.length > MAX_FILE) {
            throw new IOException(keyFile + ": longer than " + MAX_FILE + " bytes");
        }
        String text = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
        if (text.isEmpty()) {
            throw new IOException(keyFile + ": empty");
        }
        return new ClusterKey(text, Origin.FILE, keyFile);
    }

    /** True if the key came from a file that others than its owner may read (worth a warning). */
    public boolean readableByOthers() {
        if (file == null) {
            return false;
        }
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The AES key for a cluster: PBKDF2-HMAC-SHA256 of the secret, salted with the cluster name. */
    public SecretKeySpec derive(String clusterName) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), ("gomd.rgs/1/" + clusterName).getBytes(StandardCharsets.UTF_8),
                ITERATIONS, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(key, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
