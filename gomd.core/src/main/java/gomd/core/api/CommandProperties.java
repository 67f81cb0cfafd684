package gomd.core.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares a {@link Command} in one line:
 * <pre>
 * &#64;Component(service = Command.class)
 * &#64;CommandProperties(name = "uptime", synopsis = "uptime", help = "Seconds since boot.")
 * public class UptimeCommand implements Command { ... }
 * </pre>
 * Using it makes the bundle require the gomd command registry, so a resolver pulls in gomd.core.
 */
@ComponentPropertyType
@RequireGomdRegistry
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface CommandProperties {
    String PREFIX_ = "gomd.command.";

    /** See {@link Command#NAME}. */
    String name();

    /** See {@link Command#SYNOPSIS}. */
    String synopsis() default "";

    /**
     * See {@link Command#HELP}: one element per line, since DS folds line breaks inside a
     * single value into spaces.
     */
    String[] help();

    /** See {@link Command#PERMISSION}. */
    Permission permission() default Permission.STATS_READ;
}
