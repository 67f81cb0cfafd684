package gomd.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An ordered set of {@code KEY:VALUE} pairs, the seed's answer unit:
 * {@code (LOAD1:0.52)(LOAD5:0.40)(LOAD15:0.33)}. Keys are restricted to a safe alphabet so
 * they never need escaping; values are any text (the console escapes them).
 */
public final class Record implements ResultItem {

    /** Letters, digits and {@code _ # . - + /}: e.g. {@code LOAD_OF_NODE_#1}. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9_#.+/-]{1,128}");

    private final Map<String, String> fields;

    private Record(Map<String, String> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A record of one pair. */
    public static Record of(String key, Object value) {
        return builder().put(key, value).build();
    }

    /** The pairs in the order they were put. */
    public Map<String, String> fields() {
        return fields;
    }

    public String get(String key) {
        return fields.get(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record r && fields.equals(r.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append('(').append(k).append(':').append(v).append(')'));
        return sb.toString();
    }

    /** Builds a record; a key outside {@link #KEY} or put twice is a programming error. */
    public static final class Builder {
        private final Map<String, String> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds a pair; numbers are written with {@link String#valueOf}, null as the empty string. */
        public Builder put(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("bad record key: " + key);
            }
            if (fields.putIfAbsent(key, value == null ? "" : String.valueOf(value)) != null) {
                throw new IllegalArgumentException("duplicate record key: " + key);
            }
            return this;
        }

        public boolean isEmpty() {
            return fields.isEmpty();
        }

        public Record build() {
            return new Record(new LinkedHashMap<>(fields));
        }
    }
}
