package gomd.core.internal.oshi;

/** IPv4 netmasks as the seed shows them. */
final class Subnets {

    private Subnets() {
    }

    /** {@code 24} becomes {@code 255.255.255.0}; a prefix outside 0..32 gives the empty string. */
    static String dotted(int prefix) {
        if (prefix < 0 || prefix > 32) {
            return "";
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (mask >> 24 & 0xFF) + "." + (mask >> 16 & 0xFF) + "." + (mask >> 8 & 0xFF) + "." + (mask & 0xFF);
    }
}
