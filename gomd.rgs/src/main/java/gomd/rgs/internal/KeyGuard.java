package gomd.rgs.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Consumer;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.jgroups.util.ByteArray;
import org.jgroups.util.FastArray;
import org.jgroups.util.MessageBatch;
import org.jgroups.util.Util;

/**
 * The JGroups protocol that keeps strangers out: it sits directly above the transport and
 * seals every message (payload, headers, flags, addresses: the whole serialized message) with
 * AES-256-GCM under the cluster key, and drops every incoming message that does not open. So
 * discovery, failure detection, merges and joins of a daemon without the key never reach the
 * protocols above; a stranger is not admitted and learns nothing.
 *
 * <p>Each message gets its own AES key, HMAC-SHA256(cluster key, 16 random bytes), so GCM's
 * nonce limits never apply however long a cluster lives. Sealed payload: version byte 1, the 16
 * random bytes, ciphertext and 16-byte tag; the associated data binds it to the cluster name.
 */
public final class KeyGuard extends Protocol {

    private static final byte VERSION = 1;
    private static final int SALT = 16;
    private static final int TAG_BITS = 128;
    private static final byte[] NONCE = new byte[12];

    private final SecretKey clusterKey;
    private final byte[] associatedData;
    private final Consumer<Address> rejected;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param clusterKey  the derived cluster key ({@link ClusterKey#derive})
     * @param clusterName the cluster name, bound into every seal
     * @param rejected    told the sender of every message that did not open
     */
    public KeyGuard(SecretKey clusterKey, String clusterName, Consumer<Address> rejected) {
        this.clusterKey = clusterKey;
        this.associatedData = ("gomd.rgs/1/" + clusterName).getBytes(StandardCharsets.UTF_8);
        this.rejected = rejected;
    }

    @Override
    public Object down(Message msg) {
        if (msg.getSrc() == null) {
            msg.setSrc(local_addr);
        }
        byte[] sealed;
        try {
            ByteArray plain = Util.messageToBuffer(msg);
            sealed = seal(plain.getArray(), plain.getOffset(), plain.getLength());
        } catch (Exception e) {
            throw new IllegalStateException("cannot seal membership message", e);
        }
        Message out = new BytesMessage(msg.dest(), sealed).setSrc(msg.getSrc()).setFlag(msg.getFlags(), false);
        if (msg.isFlagSet(Message.TransientFlag.DONT_LOOPBACK)) {
            out.setFlag(Message.TransientFlag.DONT_LOOPBACK);
        }
        return down_prot.down(out);
    }

    @Override
    public Object up(Message msg) {
        Message plain = open(msg);
        return plain == null ? null : up_prot.up(plain);
    }

    @Override
    public void up(MessageBatch batch) {
        FastArray<Message>.FastIterator it = (FastArray<Message>.FastIterator) batch.iterator();
        while (it.hasNext()) {
            Message plain = open(it.next());
            if (plain == null) {
                it.remove();
            } else {
                it.replace(plain);
            }
        }
        if (!batch.isEmpty()) {
            up_prot.up(batch);
        }
    }

    private Message open(Message msg) {
        try {
            byte[] plain = open(msg.getArray(), msg.getOffset(), msg.getLength());
            return Util.messageFromBuffer(plain, 0, plain.length);
        } catch (Exception e) {
            rejected.accept(msg.getSrc());
            return null;
        }
    }

    byte[] seal(byte[] plain, int offset, int length) throws GeneralSecurityException {
        byte[] salt = new byte[SALT];
        random.nextBytes(salt);
        Cipher cipher = cipher(Cipher.ENCRYPT_MODE, salt);
        byte[] out = new byte[1 + SALT + cipher.getOutputSize(length)];
        out[0] = VERSION;
        System.arraycopy(salt, 0, out, 1, SALT);
        cipher.doFinal(plain, offset, length, out, 1 + SALT);
        return out;
    }

    /** Opens a sealed payload; a wrong key, a changed byte or garbage throws. */
    byte[] open(byte[] sealed, int offset, int length) throws GeneralSecurityException {
        if (sealed == null || length < 1 + SALT + TAG_BITS / 8 || sealed[offset] != VERSION) {
            throw new GeneralSecurityException("not a sealed gomd membership message");
        }
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, offset + 1, offset + 1 + SALT));
        return cipher.doFinal(sealed, offset + 1 + SALT, length - 1 - SALT);
    }

    private Cipher cipher(int mode, byte[] salt) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(clusterKey);
        SecretKeySpec messageKey = new SecretKeySpec(mac.doFinal(salt), "AES");
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, messageKey, new GCMParameterSpec(TAG_BITS, NONCE));
        cipher.updateAAD(associatedData);
        return cipher;
    }
}
