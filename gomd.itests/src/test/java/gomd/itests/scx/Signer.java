package gomd.itests.scx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import gomd.core.api.CommandLine;

/**
 * Signs {@code scx-run} requests from the description in docs/SCX.md alone (not from gomd.scx's
 * code), as another daemon or an attacker holding the key would.
 */
final class Signer {

    private final byte[] key;

    Signer(String clusterKey) {
        this.key = hmac(clusterKey.getBytes(StandardCharsets.UTF_8),
                "gomd.scx request signing key v1".getBytes(StandardCharsets.UTF_8));
    }

    /** The request line for node {@code to}, as node {@code from} would send it for {@code origin}. */
    String line(int from, int to, String origin, long timestampMillis, long timeoutMillis, String... argv) {
        byte[] n = new byte[16];
        new SecureRandom().nextBytes(n);
        String nonce = HexFormat.of().formatHex(n);
        List<String> fields = new ArrayList<>(List.of("1", Integer.toString(from), Integer.toString(to), origin,
                "itest", Long.toString(timestampMillis), nonce, Long.toString(timeoutMillis)));
        ByteArrayOutputStream signed = new ByteArrayOutputStream();
        put(signed, "gomd.scx.run");
        fields.forEach(f -> put(signed, f));
        put(signed, Integer.toString(argv.length));
        for (String a : argv) {
            put(signed, a);
        }
        String mac = Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, signed.toByteArray()));
        List<String> words = new ArrayList<>();
        words.add("scx-run");
        words.addAll(fields);
        words.add(mac);
        words.addAll(List.of(argv));
        return CommandLine.join(words);
    }

    private static void put(ByteArrayOutputStream out, String field) {
        byte[] b = field.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
