package gomd.core.internal.registry;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

import gomd.core.api.Command;
import gomd.core.api.CommandInfo;
import gomd.core.api.Permission;

/**
 * One {@link Command} service as the registry holds it, read from its {@code gomd.command.*}
 * service properties.
 */
record Registration(long serviceId, int ranking, LazyCommand command, CommandInfo info) {

    /** Lower case so names are typed the same way on every front end (and are valid Karaf shell names). */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** Session commands the console handles itself; a plugin registering one would be unreachable there. */
    static final Set<String> RESERVED = Set.of("quit", "exit", "prompt");

    /** The winner of a name clash comes first: highest ranking, then the oldest service. */
    static final Comparator<Registration> PRECEDENCE = Comparator.comparingInt(Registration::ranking).reversed()
            .thenComparingLong(Registration::serviceId);

    /**
     * Reads a registration.
     *
     * @throws IllegalArgumentException saying what is wrong with the service properties
     */
    static Registration of(ComponentServiceObjects<Command> command, ServiceReference<?> ref) {
        Object name = ref.getProperty(Command.NAME);
        if (!(name instanceof String n) || !NAME.matcher(n).matches()) {
            throw new IllegalArgumentException(Command.NAME + "=" + describe(name) + " is not a command name ("
                    + NAME.pattern() + ")");
        }
        if (RESERVED.contains(n)) {
            throw new IllegalArgumentException(Command.NAME + "=" + n + " is reserved for the console session");
        }
        String help = lines(ref, Command.HELP);
        if (help.isEmpty()) {
            throw new IllegalArgumentException(Command.HELP + " is missing");
        }
        String synopsis = text(ref, Command.SYNOPSIS);
        CommandInfo info = new CommandInfo(n, synopsis.isEmpty() ? n : synopsis, help, permission(ref),
                bundleName(ref.getBundle()));
        return new Registration(idOf(ref), rankingOf(ref), new LazyCommand(command), info);
    }

    static long idOf(ServiceReference<?> ref) {
        return (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    /** For log lines about clashes and rejections. */
    String describe() {
        return "service.id=" + serviceId + " of " + info.bundle() + " (service.ranking=" + ranking + ")";
    }

    private static Permission permission(ServiceReference<?> ref) {
        Object p = ref.getProperty(Command.PERMISSION);
        if (p == null) {
            return Permission.STATS_READ;
        }
        if (p instanceof Permission permission) {
            return permission;
        }
        if (p instanceof String s) {
            try {
                return Permission.valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below with the list of valid names
            }
        }
        throw new IllegalArgumentException(Command.PERMISSION + "=" + describe(p) + " is not one of "
                + Set.of(Permission.values()));
    }

    /** Per the OSGi spec a non-Integer ranking counts as 0. */
    private static int rankingOf(ServiceReference<?> ref) {
        return ref.getProperty(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
    }

    private static String text(ServiceReference<?> ref, String key) {
        Object v = ref.getProperty(key);
        if (v != null && !(v instanceof String)) {
            throw new IllegalArgumentException(key + " must be a string, not " + describe(v));
        }
        return v == null ? "" : ((String) v).strip();
    }

    /** Help may be a String or a String[] of lines (DS folds line breaks inside one XML attribute value). */
    private static String lines(ServiceReference<?> ref, String key) {
        if (ref.getProperty(key) instanceof String[] lines) {
            return String.join("\n", lines).strip();
        }
        return text(ref, key);
    }

    static String bundleName(Bundle bundle) {
        return bundle == null || bundle.getSymbolicName() == null ? "?" : bundle.getSymbolicName();
    }

    private static String describe(Object value) {
        if (value == null) {
            return "(missing)";
        }
        if (value instanceof String) {
            return "'" + value + "'";
        }
        String shown = value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value);
        return shown + " (" + value.getClass().getSimpleName() + ")";
    }
}
