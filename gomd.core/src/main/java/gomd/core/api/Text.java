package gomd.core.api;

import java.util.Objects;

/** One line of free text in a {@link Result}. */
public record Text(String line) implements ResultItem {
    public Text {
        Objects.requireNonNull(line, "line");
    }
}
