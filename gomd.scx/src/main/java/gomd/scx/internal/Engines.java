package gomd.scx.internal;

import org.osgi.service.component.ComponentServiceObjects;

import gomd.core.api.CommandException;
import gomd.core.api.ErrorCode;

/**
 * How the commands reach the {@link ScxEngine}: through {@link ComponentServiceObjects}, taken
 * when a command runs, not when it is made. gomd.core's registry makes every command as soon as
 * it is registered, possibly while the node's {@code LocalNode} is itself being made; a command
 * that needed the engine (which needs {@code LocalNode}) at that moment would close a service
 * cycle and be lost. So commands are cheap to make, and take their dependencies when they run.
 */
final class Engines {

    private Engines() {
    }

    /** Runs {@code work} with the engine. */
    static void with(ComponentServiceObjects<ScxEngine> engines, Work work) throws CommandException {
        ScxEngine engine = engines.getService();
        if (engine == null) {
            throw new CommandException(ErrorCode.UNAVAILABLE, "gomd.scx is not ready");
        }
        try {
            work.run(engine);
        } finally {
            engines.ungetService(engine);
        }
    }

    /** What a command does with the engine. */
    @FunctionalInterface
    interface Work {
        void run(ScxEngine engine) throws CommandException;
    }
}
