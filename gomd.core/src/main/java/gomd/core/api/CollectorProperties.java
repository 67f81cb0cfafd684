package gomd.core.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/** Declares a {@link Collector} in one line, like {@link CommandProperties} does for commands. */
@ComponentPropertyType
@RequireGomdRegistry
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface CollectorProperties {
    String PREFIX_ = "gomd.collector.";

    /** See {@link Collector#NAME}. */
    String name();

    /** See {@link Collector#DESCRIPTION}. */
    String description() default "";

    /** See {@link Collector#INTERVAL}. */
    int interval() default 1;

    /** See {@link Collector#SELECTOR}. */
    String selector() default "";
}
