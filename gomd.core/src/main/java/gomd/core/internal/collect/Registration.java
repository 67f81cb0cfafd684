package gomd.core.internal.collect;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.framework.Constants;

import gomd.core.api.Collector;
import gomd.core.api.Record;

/**
 * The service properties of one {@link Collector} registration, checked. A registration that
 * does not pass is ignored with a log line (never thrown at the registering bundle).
 */
record Registration(long serviceId, int ranking, String origin, SourceInfo info) {

    /** Source names are single words a user types after {@code get}. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** {@code proc} is the raw /proc reader, {@code ALL} the cluster-wide suffix. */
    static final Set<String> RESERVED = Set.of("proc", "ALL");
    static final int MAX_INTERVAL = 86_400;

    static Registration parse(Map<String, Object> props) {
        long id = props.get(Constants.SERVICE_ID) instanceof Long l ? l : -1L;
        int ranking = props.get(Constants.SERVICE_RANKING) instanceof Integer r ? r : 0;
        String origin = String.valueOf(props.getOrDefault("component.name", "service " + id));

        if (!(props.get(Collector.NAME) instanceof String name) || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("property " + Collector.NAME + " must be a word of letters, digits, "
                    + "'_', '.' or '-' (got " + props.get(Collector.NAME) + ")");
        }
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("collector name " + name + " is reserved");
        }
        Object d = props.get(Collector.DESCRIPTION);
        String description = d == null ? "" : String.valueOf(d);
        int interval = interval(props.get(Collector.INTERVAL));
        Object s = props.get(Collector.SELECTOR);
        String selector = s == null ? "" : String.valueOf(s);
        if (!selector.isEmpty() && !Record.KEY.matcher(selector.toUpperCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("property " + Collector.SELECTOR + " is not a label name: " + selector);
        }
        return new Registration(id, ranking, origin, new SourceInfo(name, description, selector, interval));
    }

    private static int interval(Object value) {
        if (value == null) {
            return 1;
        }
        long seconds;
        try {
            seconds = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_INTERVAL || value instanceof Double || value instanceof Float) {
            throw new IllegalArgumentException("property " + Collector.INTERVAL + " must be whole seconds from 1 to "
                    + MAX_INTERVAL + " (got " + value + ")");
        }
        return (int) seconds;
    }

    String name() {
        return info.name();
    }

    /** Higher ranking first, then the older service (lower id), as the OSGi service registry orders. */
    static final Comparator<Registration> PRECEDENCE = Comparator.comparingInt(Registration::ranking).reversed()
            .thenComparingLong(Registration::serviceId);
}
