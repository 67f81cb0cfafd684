package gomd.core.internal.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

import gomd.core.api.Record;
import gomd.core.api.Table;

class FeatureStatusTest {

    private static Bundle bundle(String name, String version, int state) {
        Bundle b = mock(Bundle.class);
        when(b.getSymbolicName()).thenReturn(name);
        when(b.getVersion()).thenReturn(Version.parseVersion(version));
        when(b.getState()).thenReturn(state);
        return b;
    }

    private static ComponentDescriptionDTO component(String name) {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = name;
        return d;
    }

    private static ComponentConfigurationDTO configuration(int state, String... unsatisfied) {
        ComponentConfigurationDTO c = new ComponentConfigurationDTO();
        c.state = state;
        c.unsatisfiedReferences = new UnsatisfiedReferenceDTO[unsatisfied.length];
        for (int i = 0; i < unsatisfied.length; i++) {
            c.unsatisfiedReferences[i] = new UnsatisfiedReferenceDTO();
            c.unsatisfiedReferences[i].name = unsatisfied[i];
        }
        return c;
    }

    @Test
    void listsGomdBundlesWithHealthAndTheAbsentOptionalFeatures() {
        Bundle core = bundle("gomd.core", "0.1.0.SNAPSHOT", Bundle.ACTIVE);
        Bundle acl = bundle("gomd.acl", "0.1.0", Bundle.ACTIVE);
        Bundle scx = bundle("gomd.scx", "0.2.0", Bundle.RESOLVED);
        Bundle other = bundle("org.apache.felix.scr", "2.2.6", Bundle.ACTIVE);
        ServiceComponentRuntime scr = mock(ServiceComponentRuntime.class);
        ComponentDescriptionDTO get = component("gomd.core.internal.collect.GetCommand");
        ComponentDescriptionDTO policy = component("gomd.acl.internal.RulebookPolicy");
        ComponentDescriptionDTO disabled = component("gomd.acl.internal.Disabled");
        when(scr.getComponentDescriptionDTOs(core)).thenReturn(List.of(get));
        when(scr.getComponentDescriptionDTOs(acl)).thenReturn(List.of(policy, disabled));
        when(scr.isComponentEnabled(get)).thenReturn(true);
        when(scr.isComponentEnabled(policy)).thenReturn(true);
        when(scr.isComponentEnabled(disabled)).thenReturn(false);
        when(scr.getComponentConfigurationDTOs(get)).thenReturn(List.of(configuration(ComponentConfigurationDTO.ACTIVE)));
        when(scr.getComponentConfigurationDTOs(policy)).thenReturn(
                List.of(configuration(ComponentConfigurationDTO.UNSATISFIED_REFERENCE, "localNode")));

        List<FeatureStatus> rows = FeatureStatus.of(new Bundle[] {core, acl, scx, other}, scr);
        Table table = FeatureStatus.table(rows);

        assertThat(table.columns()).containsExactly("FEATURE", "VERSION", "STATE", "HEALTHY", "DETAIL");
        assertThat(java.util.stream.IntStream.range(0, table.rows().size()).mapToObj(table::row).map(Record::toString))
                .containsExactly(
                        "(FEATURE:gomd.acl)(VERSION:0.1.0)(STATE:ACTIVE)(HEALTHY:no)(DETAIL:RulebookPolicy: needs localNode)",
                        "(FEATURE:gomd.core)(VERSION:0.1.0.SNAPSHOT)(STATE:ACTIVE)(HEALTHY:yes)(DETAIL:)",
                        "(FEATURE:gomd.rgs)(VERSION:)(STATE:absent)(HEALTHY:-)(DETAIL:)",
                        "(FEATURE:gomd.scx)(VERSION:0.2.0)(STATE:RESOLVED)(HEALTHY:no)(DETAIL:bundle is RESOLVED)",
                        "(FEATURE:gomd.shell)(VERSION:)(STATE:absent)(HEALTHY:-)(DETAIL:)");

        assertThat(FeatureStatus.logLines(rows)).containsExactly("Features status.",
                " -> gomd.acl 0.1.0 : ACTIVE, NOT healthy (RulebookPolicy: needs localNode)",
                " -> gomd.core 0.1.0.SNAPSHOT : ACTIVE, healthy",
                " -> gomd.rgs : absent",
                " -> gomd.scx 0.2.0 : RESOLVED, NOT healthy (bundle is RESOLVED)",
                " -> gomd.shell : absent");
    }

    @Test
    void withoutDsRuntimeAnActiveBundleCountsAsHealthyAndSaysSo() {
        List<FeatureStatus> rows = FeatureStatus.of(new Bundle[] {bundle("gomd.core", "1.0.0", Bundle.ACTIVE)}, null);
        assertThat(rows).filteredOn(r -> r.name().equals("gomd.core")).singleElement()
                .extracting(FeatureStatus::healthy, FeatureStatus::detail)
                .containsExactly("yes", "components not checked (no DS runtime)");
    }
}
