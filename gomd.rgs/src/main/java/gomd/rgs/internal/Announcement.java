package gomd.rgs.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a daemon tells the others about itself over membership (JGroups only knows opaque
 * member addresses): node number, host name, where its console listens, its membership port,
 * the gomd features it runs and when it started. Sent to new members after every view change,
 * to everyone when the features change; a clean stop sends {@link #BYE} first, and a member
 * that stays silent is sent {@link #ASK} (answered with a hello).
 *
 * <p>Wire format (plain {@link DataOutputStream}, never Java serialization): {@code 'G' 'R'},
 * version 1, kind (1 hello, 2 bye, 3 ask); a hello goes on with number, name, address bytes, console
 * port, membership port, start time (epoch ms) and the feature names. Every length is bounded
 * when reading.
 *
 * @param number         node number
 * @param name           host name
 * @param consoleAddress console address peers connect to
 * @param consolePort    console port
 * @param membershipPort membership port (for the cache file)
 * @param features       gomd feature bundles running (sorted)
 * @param started        when this daemon's membership started
 */
public record Announcement(int number, String name, InetAddress consoleAddress, int consolePort, int membershipPort,
                           Set<String> features, Instant started) {

    /** The payload of a clean stop. */
    public static final byte[] BYE = {'G', 'R', 1, 2};
    /** The payload asking a member for its hello. */
    public static final byte[] ASK = {'G', 'R', 1, 3};

    static final int MAX_NAME = 255;
    static final int MAX_FEATURES = 64;
    private static final byte HELLO = 1;

    public Announcement {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("host name must have 1.." + MAX_NAME + " characters");
        }
        if (features.size() > MAX_FEATURES) {
            throw new IllegalArgumentException("more than " + MAX_FEATURES + " features");
        }
        features = Set.copyOf(features);
    }

    /** Address and console port: what makes a daemon the same daemon across restarts. */
    public InetSocketAddress identity() {
        return new InetSocketAddress(consoleAddress, consolePort);
    }

    public Announcement withFeatures(Set<String> newFeatures) {
        return new Announcement(number, name, consoleAddress, consolePort, membershipPort, newFeatures, started);
    }

    public Announcement withConsoleAddress(InetAddress address) {
        return new Announcement(number, name, address, consolePort, membershipPort, features, started);
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(BYE, 0, 3);
            out.writeByte(HELLO);
            out.writeInt(number);
            out.writeUTF(name);
            byte[] address = consoleAddress.getAddress();
            out.writeByte(address.length);
            out.write(address);
            out.writeShort(consolePort);
            out.writeShort(membershipPort);
            out.writeLong(started.toEpochMilli());
            out.writeByte(features.size());
            for (String f : new TreeSet<>(features)) {
                out.writeUTF(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** True if the payload is a {@link #BYE}. */
    public static boolean isBye(byte[] payload) {
        return Arrays.equals(payload, BYE);
    }

    /** True if the payload is an {@link #ASK}. */
    public static boolean isAsk(byte[] payload) {
        return Arrays.equals(payload, ASK);
    }

    /** Decodes a hello; anything malformed or out of bounds is an {@link IllegalArgumentException}. */
    public static Announcement decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            if (in.readByte() != 'G' || in.readByte() != 'R' || in.readByte() != 1 || in.readByte() != HELLO) {
                throw new IllegalArgumentException("not a gomd hello");
            }
            int number = in.readInt();
            String name = in.readUTF();
            int length = in.readUnsignedByte();
            if (length != 4 && length != 16) {
                throw new IllegalArgumentException("bad address length " + length);
            }
            InetAddress address = InetAddress.getByAddress(in.readNBytes(length));
            int consolePort = Ports.check(in.readUnsignedShort());
            int membershipPort = Ports.check(in.readUnsignedShort());
            Instant started = Instant.ofEpochMilli(in.readLong());
            int count = in.readUnsignedByte();
            Set<String> features = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                features.add(in.readUTF());
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing bytes");
            }
            return new Announcement(number, name, address, consolePort, membershipPort, features, started);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("malformed hello: " + e.getMessage(), e);
        }
    }
}
