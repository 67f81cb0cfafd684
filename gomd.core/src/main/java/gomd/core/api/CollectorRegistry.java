package gomd.core.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Core's view of the collectors and their latest samples (for other bundles: snapshot, stats log). */
@ProviderType
public interface CollectorRegistry {

    /** Names of the collectors in force, sorted. */
    List<String> names();

    /** The latest sample of a collector; empty if there is no such collector or it has not been read yet. */
    Optional<Sample> latest(String collector);
}
