package gomd.acl.internal;

import java.util.List;

/**
 * A rulebook that cannot be put in force; the message lists every problem as
 * {@code FILE:LINE: message}, joined by {@code "; "}.
 */
final class RulebookException extends Exception {
    private static final long serialVersionUID = 1L;

    RulebookException(List<String> problems) {
        super(String.join("; ", problems));
    }
}
