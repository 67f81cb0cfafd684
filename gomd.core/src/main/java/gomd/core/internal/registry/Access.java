package gomd.core.internal.registry;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.AccessDecision;
import gomd.core.api.AccessPolicy;
import gomd.core.api.Permission;

/**
 * Asks the access policy in force, or applies core's default when there is none: loopback
 * callers may do everything, everyone else nothing. A policy that fails or answers nothing
 * denies, so a broken gomd.acl never turns into "allow all".
 */
public final class Access {

    private static final Logger LOG = LoggerFactory.getLogger(Access.class);

    private Access() {
    }

    /** Whether {@code caller} may open a console connection. {@code policy} may be null. */
    public static AccessDecision admit(AccessPolicy policy, InetAddress caller) {
        if (policy == null) {
            return loopbackOnly(caller);
        }
        try {
            return orDeny(policy.admit(caller));
        } catch (RuntimeException e) {
            LOG.error("access policy {} failed to admit {}; denied", policy.getClass().getName(), caller, e);
            return AccessDecision.deny("access policy failed");
        }
    }

    /** Whether {@code caller} may run {@code command}, which needs {@code permission}. {@code policy} may be null. */
    public static AccessDecision decide(AccessPolicy policy, InetAddress caller, Permission permission, String command) {
        if (policy == null) {
            return loopbackOnly(caller);
        }
        try {
            return orDeny(policy.decide(caller, permission, command));
        } catch (RuntimeException e) {
            LOG.error("access policy {} failed to decide {} {} for {}; denied",
                    policy.getClass().getName(), command, permission, caller, e);
            return AccessDecision.deny("access policy failed");
        }
    }

    private static AccessDecision orDeny(AccessDecision decision) {
        return decision != null ? decision : AccessDecision.deny("access policy gave no answer");
    }

    private static AccessDecision loopbackOnly(InetAddress caller) {
        return isLoopback(caller)
                ? AccessDecision.allow("loopback caller (no access policy installed)")
                : AccessDecision.deny("not a loopback caller (no access policy installed)");
    }

    /** 127.0.0.0/8, ::1 and the IPv4-mapped form {@code ::ffff:127.x.y.z}. */
    static boolean isLoopback(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.isLoopbackAddress();
        }
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mappedV4 = true;
            for (int i = 0; i < 10; i++) {
                mappedV4 &= b[i] == 0;
            }
            mappedV4 &= b[10] == (byte) 0xff && b[11] == (byte) 0xff;
            return mappedV4 ? b[12] == 127 : address.isLoopbackAddress();
        }
        return false;
    }
}
