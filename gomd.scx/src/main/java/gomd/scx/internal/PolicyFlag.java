package gomd.scx.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a {@code scx.conf} line says about the commands it matches, from the least to the most
 * restrictive (on a tie between two equally specific rules the more restrictive one wins).
 */
enum PolicyFlag {
    /** Allowed to every caller that may use {@code exec} / {@code cwc} at all. */
    SCX_NO_ACL_CHECK_REQUIRED,
    /** Allowed only to callers that the ACL also grants {@code ADMIN}. */
    SCX_ACL_CHECK_REQUIRED,
    /** Refused (useful under {@code SCX_ALL_CMDS_ALLOWED}). */
    SCX_CMD_BLOCKED;

    static Optional<PolicyFlag> parse(String text) {
        return Arrays.stream(values()).filter(f -> f.name().equals(text)).findFirst();
    }
}
