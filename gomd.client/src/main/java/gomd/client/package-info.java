/**
 * libgomd: the client of the gomd line console (docs/PROTOCOL.md), for one node
 * ({@link gomd.client.GomdClient}) or many at once ({@link gomd.client.GomdCluster}).
 * Answers come as the {@link gomd.core.api.Result} model of {@code gomd.core.api}.
 *
 * <p>Works as an OSGi bundle and as a plain jar: at run time it needs only the JDK and the
 * gomd.core jar (the OSGi annotations used here are not needed at run time).
 */
@Export
@Version("1.0.0")
package gomd.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
