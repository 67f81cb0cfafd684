package gomd.acl.internal;

import java.util.List;

/** A rulebook that cannot be put in force, with every problem as {@code FILE:LINE: message}. */
final class RulebookException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    RulebookException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
