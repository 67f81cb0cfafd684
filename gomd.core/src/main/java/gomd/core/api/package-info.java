/**
 * The gomd API: commands, collectors, the result model and the services core provides.
 *
 * <p>Plugins implement {@link gomd.core.api.Command} or {@link gomd.core.api.Collector} and
 * register them as OSGi services (whiteboard); core does the rest: every front end shows them.
 */
@Export
@Version("1.0.0")
package gomd.core.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
