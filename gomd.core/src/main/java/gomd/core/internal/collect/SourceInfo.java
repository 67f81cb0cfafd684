package gomd.core.internal.collect;

/**
 * A collector as {@code get} lists it.
 *
 * @param name        the source name ({@code get NAME})
 * @param description one line saying what it reports
 * @param selector    the label that {@code get NAME ARG} selects by, or empty
 * @param interval    seconds between samples
 */
public record SourceInfo(String name, String description, String selector, int interval) {

    public boolean hasSelector() {
        return !selector.isEmpty();
    }
}
