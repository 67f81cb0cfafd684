package gomd.core.internal.registry;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

import gomd.core.api.AccessPolicy;
import gomd.core.api.Command;

/** Builds registries the way DS would, for tests here and in the console and node packages. */
public final class Registries {

    private Registries() {
    }

    /** A registry with no access policy (loopback only) and no commands. */
    public static CommandRegistryImpl empty() {
        return new CommandRegistryImpl();
    }

    public static CommandRegistryImpl withPolicy(AccessPolicy policy) {
        CommandRegistryImpl r = new CommandRegistryImpl();
        r.accessPolicy = policy;
        return r;
    }

    /** Registers a well-formed command {@code name} with help text, as bundle {@code test.bundle}. */
    public static ServiceReference<Command> add(CommandRegistryImpl registry, long serviceId, String name, Command command) {
        return add(registry, serviceId, command, Map.of(Command.NAME, name, Command.HELP, "Help of " + name + "."));
    }

    public static ServiceReference<Command> add(CommandRegistryImpl registry, long serviceId, Command command,
                                                Map<String, Object> properties) {
        ServiceReference<Command> ref = ref(serviceId, properties);
        registry.bindCommand(objects(command, ref), ref);
        return ref;
    }

    /** What DS hands the registry for a singleton command service. */
    static ComponentServiceObjects<Command> objects(Command command, ServiceReference<Command> ref) {
        return new ComponentServiceObjects<>() {
            @Override
            public Command getService() {
                return command;
            }

            @Override
            public void ungetService(Command service) {
            }

            @Override
            public ServiceReference<Command> getServiceReference() {
                return ref;
            }
        };
    }

    public static void remove(CommandRegistryImpl registry, ServiceReference<Command> ref) {
        registry.unbindCommand(ref);
    }

    /** A service reference with these properties plus {@code service.id}, from bundle {@code test.bundle}. */
    @SuppressWarnings("unchecked")
    static ServiceReference<Command> ref(long serviceId, Map<String, Object> properties) {
        Map<String, Object> props = new HashMap<>(properties);
        props.put(Constants.SERVICE_ID, serviceId);
        ServiceReference<Command> ref = mock(ServiceReference.class);
        when(ref.getProperty(org.mockito.ArgumentMatchers.anyString())).thenAnswer(i -> props.get(i.getArgument(0, String.class)));
        Bundle bundle = mock(Bundle.class);
        when(bundle.getSymbolicName()).thenReturn("test.bundle");
        when(ref.getBundle()).thenReturn(bundle);
        return ref;
    }
}
