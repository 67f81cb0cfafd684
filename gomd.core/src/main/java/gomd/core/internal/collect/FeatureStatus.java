package gomd.core.internal.collect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

import gomd.core.api.Table;

/**
 * The seed's "Features status" block: every installed {@code gomd.*} bundle with its version,
 * state and health (ACTIVE and every enabled DS component satisfied), and the known optional
 * features that are not installed.
 *
 * @param name    bundle symbolic name
 * @param version bundle version, empty when absent
 * @param state   bundle state, or {@code absent}
 * @param healthy {@code yes}, {@code no}, or {@code -} when absent
 * @param detail  why it is not healthy
 */
record FeatureStatus(String name, String version, String state, String healthy, String detail) {

    static final String PREFIX = "gomd.";
    /** The features gomd ships (karaf-features), so that one not installed shows as absent. */
    static final List<String> OPTIONAL_FEATURES = List.of("gomd.acl", "gomd.rgs", "gomd.scx", "gomd.shell");

    static List<FeatureStatus> of(Bundle[] bundles, ServiceComponentRuntime scr) {
        List<FeatureStatus> rows = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (Bundle b : bundles) {
            String name = b.getSymbolicName();
            if (name != null && name.startsWith(PREFIX)) {
                present.add(name);
                rows.add(of(b, scr));
            }
        }
        for (String feature : OPTIONAL_FEATURES) {
            if (!present.contains(feature)) {
                rows.add(new FeatureStatus(feature, "", "absent", "-", ""));
            }
        }
        rows.sort(Comparator.comparing(FeatureStatus::name).thenComparing(FeatureStatus::version));
        return rows;
    }

    private static FeatureStatus of(Bundle b, ServiceComponentRuntime scr) {
        String state = state(b.getState());
        String version = b.getVersion().toString();
        if (b.getState() != Bundle.ACTIVE) {
            return new FeatureStatus(b.getSymbolicName(), version, state, "no", "bundle is " + state);
        }
        if (scr == null) {
            return new FeatureStatus(b.getSymbolicName(), version, state, "yes", "components not checked (no DS runtime)");
        }
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(b)) {
            if (!scr.isComponentEnabled(d)) {
                continue;
            }
            for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                problem(d, c).ifPresent(problems::add);
            }
        }
        return new FeatureStatus(b.getSymbolicName(), version, state, problems.isEmpty() ? "yes" : "no",
                String.join("; ", problems));
    }

    private static Optional<String> problem(ComponentDescriptionDTO d, ComponentConfigurationDTO c) {
        String name = d.name.substring(d.name.lastIndexOf('.') + 1);
        return switch (c.state) {
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION ->
                    Optional.of(name + ": missing configuration");
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> Optional.of(name + ": needs "
                    + String.join(", ", Arrays.stream(c.unsatisfiedReferences == null
                            ? new UnsatisfiedReferenceDTO[0] : c.unsatisfiedReferences).map(r -> r.name).toList()));
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> Optional.of(name + ": failed to activate"
                    + (c.failure == null ? "" : " (" + c.failure.strip().lines().findFirst().orElse("") + ")"));
            default -> Optional.empty();
        };
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN";
        };
    }

    static Table table(List<FeatureStatus> rows) {
        Table.Builder t = Table.builder("FEATURE", "VERSION", "STATE", "HEALTHY", "DETAIL");
        rows.forEach(r -> t.row(r.name, r.version, r.state, r.healthy, r.detail));
        return t.build();
    }

    /** The block as log lines, like the seed's start-up output. */
    static List<String> logLines(List<FeatureStatus> rows) {
        List<String> lines = new ArrayList<>();
        lines.add("Features status.");
        for (FeatureStatus r : rows) {
            StringBuilder sb = new StringBuilder(" -> ").append(r.name);
            if (!r.version.isEmpty()) {
                sb.append(' ').append(r.version);
            }
            sb.append(" : ").append(r.state);
            if (!r.healthy.equals("-")) {
                sb.append(r.healthy.equals("yes") ? ", healthy" : ", NOT healthy");
            }
            if (!r.detail.isEmpty()) {
                sb.append(" (").append(r.detail).append(')');
            }
            lines.add(sb.toString());
        }
        return lines;
    }
}
