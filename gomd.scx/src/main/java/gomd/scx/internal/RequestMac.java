package gomd.scx.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks {@link SignedRequest}s with HMAC-SHA256. The signing key is derived from the
 * cluster key (HMAC-SHA256 of a fixed label under the cluster key), so a key shared with other
 * gomd uses (membership authentication) is never used raw for two purposes.
 */
final class RequestMac {

    static final String ALGORITHM = "HmacSHA256";
    /** Shorter cluster keys are refused: 16 bytes is 128 bits at best. */
    static final int MIN_KEY_BYTES = 16;
    private static final byte[] LABEL = "gomd.scx request signing key v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;

    /** @throws IllegalArgumentException for a key shorter than {@link #MIN_KEY_BYTES} */
    RequestMac(String clusterKey) {
        byte[] k = clusterKey.getBytes(StandardCharsets.UTF_8);
        if (k.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("cluster key shorter than " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(k, ALGORITHM), LABEL), ALGORITHM);
    }

    /** {@code request} with its MAC filled in. */
    SignedRequest sign(SignedRequest request) {
        byte[] mac = hmac(key, request.signedBytes());
        return request.withMac(Base64.getUrlEncoder().withoutPadding().encodeToString(mac));
    }

    /** Whether the request's MAC is right (compared in constant time). */
    boolean verify(SignedRequest request) {
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(request.mac());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, hmac(key, request.signedBytes()));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }
}
