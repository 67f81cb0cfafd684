package gomd.scx.internal;

import java.util.List;

/** A {@code scx.conf} that cannot be put in force, with every problem found and its line. */
final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    PolicyException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per problem, each {@code SOURCE:LINE: what is wrong}. */
    List<String> problems() {
        return problems;
    }
}
