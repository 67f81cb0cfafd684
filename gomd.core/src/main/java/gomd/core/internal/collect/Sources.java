package gomd.core.internal.collect;

import java.util.List;
import java.util.Optional;

import gomd.core.api.CollectorRegistry;

/** The collector registry with what {@code get} needs to describe each source. */
public interface Sources extends CollectorRegistry {

    /** Every collector in force, sorted by name. */
    List<SourceInfo> sources();

    Optional<SourceInfo> source(String name);
}
