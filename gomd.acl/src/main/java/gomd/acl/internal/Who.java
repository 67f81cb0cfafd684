package gomd.acl.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The left side of a rule: an address, a prefix or a macro, as the set of prefixes it stands for.
 *
 * @param text     as written in the rulebook
 * @param fixed    the prefixes of an address, a CIDR, {@code LOCALHOST} or {@code ANY}
 * @param local    true for {@code LOCAL_SUBNET}, whose prefixes are the node's current ones
 */
record Who(String text, List<Cidr> fixed, boolean local) {

    static final String LOCAL_SUBNET = "LOCAL_SUBNET";
    static final String LOCALHOST = "LOCALHOST";
    static final String ANY = "ANY";
    private static final Pattern ADDRESS_LIKE = Pattern.compile("[0-9A-Fa-f:.\\[\\]/]+");

    Who {
        fixed = List.copyOf(fixed);
    }

    /**
     * Parses a macro name, an address or a CIDR prefix.
     *
     * @throws IllegalArgumentException with a message for the rulebook error report
     */
    static Who parse(String text) {
        return switch (text) {
            case LOCAL_SUBNET -> new Who(text, List.of(), true);
            case LOCALHOST -> new Who(text, List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")), false);
            case ANY -> new Who(text, List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0")), false);
            default -> {
                if (!ADDRESS_LIKE.matcher(text).matches()) {
                    throw new IllegalArgumentException("unknown WHO '" + text
                            + "' (expected ADDRESS, ADDRESS/LENGTH, " + LOCAL_SUBNET + ", " + LOCALHOST
                            + " or " + ANY + ")");
                }
                yield new Who(text, List.of(Cidr.parse(text)), false);
            }
        };
    }

    /** The prefixes this stands for now; {@code localSubnets} are the node's interface prefixes. */
    List<Cidr> prefixes(List<Cidr> localSubnets) {
        return local ? localSubnets : fixed;
    }

    /** The longest of its prefixes that holds the (normalized) address, if any. */
    Optional<Cidr> longestMatch(InetAddress address, List<Cidr> localSubnets) {
        Cidr best = null;
        for (Cidr c : prefixes(localSubnets)) {
            if (c.contains(address) && (best == null || c.prefix() > best.prefix())) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }
}
