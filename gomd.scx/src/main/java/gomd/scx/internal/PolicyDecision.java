package gomd.scx.internal;

/**
 * What the SCX policy says about one command.
 *
 * @param rule the rule that decided
 */
record PolicyDecision(PolicyRule rule) {

    boolean allowed() {
        return rule.flag() != PolicyFlag.SCX_CMD_BLOCKED;
    }

    /** Whether the caller must also hold {@code ADMIN} in the ACL. */
    boolean aclCheckRequired() {
        return rule.flag() == PolicyFlag.SCX_ACL_CHECK_REQUIRED;
    }
}
