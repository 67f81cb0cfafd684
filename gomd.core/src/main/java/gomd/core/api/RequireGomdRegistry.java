package gomd.core.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.annotation.bundle.Requirement;
import org.osgi.namespace.implementation.ImplementationNamespace;

/** Makes the annotated bundle require the gomd registry implementation (provided by gomd.core). */
@Requirement(namespace = ImplementationNamespace.IMPLEMENTATION_NAMESPACE,
        name = RequireGomdRegistry.NAME, version = RequireGomdRegistry.VERSION)
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE, ElementType.ANNOTATION_TYPE})
public @interface RequireGomdRegistry {
    String NAME = "gomd.registry";
    String VERSION = "1.0.0";
}
