package gomd.acl.internal;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import gomd.core.api.AccessDecision;
import gomd.core.api.AccessPolicy;
import gomd.core.api.Permission;

/**
 * The access policy core asks at every connect ({@link #admit}) and for every command
 * ({@link #decide}): the rulebook in force, which {@link AclLoader} puts here.
 *
 * <p>It references nothing, on purpose: core's {@code LocalNode} component binds this service while
 * it activates, so a reference back to {@code LocalNode} here would be a service cycle. Until the
 * loader has read the rulebook (the same feature start, moments later) the built-in
 * {@code LOCALHOST:ACL_FULL_CONTROL} applies: core's own loopback-only default, never "allow all".
 */
@Component(service = {AccessPolicy.class, AclPolicy.class}, property = "service.ranking:Integer=100")
public class AclPolicy implements AccessPolicy {

    /** How the last look at the rulebook file went. */
    enum Standing {
        /** Not read yet: the built-in default is in force. */
        NOT_READ,
        /** Its rules are in force. */
        LOADED,
        /** There is no file: the built-in default is in force. */
        MISSING,
        /** It could not be read or parsed: the rules in force before stay. */
        REJECTED
    }

    /**
     * The rules in force and how the last look at the file went.
     *
     * @param file    the rulebook file (null before the first look)
     * @param problem what is wrong, unless {@code LOADED}
     */
    record State(Path file, Rulebook rulebook, Standing standing, String problem) {
    }

    private final DenialLog denials = new DenialLog();
    private volatile State state = new State(null, Rulebook.builtIn(Instant.now()), Standing.NOT_READ,
            "the rulebook has not been read yet; the built-in default " + Rulebook.BUILT_IN_TEXT + " is in force");
    private volatile List<Cidr> localSubnets = List.of();

    @Deactivate
    void deactivate() {
        denials.flush();
    }

    @Override
    public AccessDecision admit(InetAddress caller) {
        InetAddress a = Addresses.normalize(caller);
        Rulebook rb = state.rulebook();
        Optional<Verdict> admitting = admission(rb, a);
        if (admitting.isPresent()) {
            return AccessDecision.allow(admitting.get().reason());
        }
        String reason = "no rule in " + rb.source() + " allows any permission to " + Addresses.format(a);
        denials.denied(a, "connection", reason);
        return AccessDecision.deny(reason);
    }

    @Override
    public AccessDecision decide(InetAddress caller, Permission permission, String command) {
        Verdict v = verdict(caller, permission);
        if (!v.allowed()) {
            denials.denied(v.caller(), "command '" + command + "' (" + permission + ")", v.reason());
        }
        return new AccessDecision(v.allowed(), v.reason());
    }

    /** The verdict for one permission, without logging (for {@code acl check}). */
    Verdict verdict(InetAddress caller, Permission permission) {
        Objects.requireNonNull(permission, "permission");
        return state.rulebook().decide(Addresses.normalize(caller), permission, localSubnets);
    }

    /** The verdict that admits the caller (its first allowed permission), if any; without logging. */
    Optional<Verdict> admission(InetAddress caller) {
        return admission(state.rulebook(), Addresses.normalize(caller));
    }

    private Optional<Verdict> admission(Rulebook rb, InetAddress normalized) {
        List<Cidr> local = localSubnets;
        for (Permission p : Permission.values()) {
            Verdict v = rb.decide(normalized, p, local);
            if (v.allowed()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    State state() {
        return state;
    }

    /** Puts new rules (or a new standing of the same rules) in force. */
    void state(State s) {
        state = s;
    }

    List<Cidr> localSubnets() {
        return localSubnets;
    }

    /** What {@code LOCAL_SUBNET} stands for from now on. */
    void localSubnets(List<Cidr> prefixes) {
        localSubnets = List.copyOf(prefixes);
    }

    /** Logs the summary of denials counted since the last call (the loader calls it once a minute). */
    void flushDenials() {
        denials.flush();
    }
}
