package gomd.core.internal.collect;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandProperties;
import gomd.core.api.ErrorCode;
import gomd.core.api.Reply;
import gomd.core.api.Request;

/** {@code status}: which gomd feature bundles are present and healthy; also logged once at start. */
@Component(service = Command.class, immediate = true)
@CommandProperties(name = "status", synopsis = "status", help = {
        "The gomd feature bundles: FEATURE, VERSION, STATE (ACTIVE, RESOLVED, ... or absent for a known",
        "optional feature that is not installed), HEALTHY (yes when ACTIVE and all its components are",
        "satisfied) and DETAIL (what is missing)."})
public class StatusCommand implements Command {

    /** Boot features are still being installed right after core starts. */
    static final int LOG_DELAY_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(StatusCommand.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ServiceComponentRuntime scr;

    private BundleContext context;
    private ScheduledExecutorService startLog;

    @Activate
    void activate(BundleContext ctx) {
        context = ctx;
        startLog = Executors.newSingleThreadScheduledExecutor(NamedThreads.factory("gomd-status"));
        startLog.schedule(this::logStatus, LOG_DELAY_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        startLog.shutdownNow();
    }

    private void logStatus() {
        try {
            FeatureStatus.logLines(FeatureStatus.of(context.getBundles(), scr)).forEach(LOG::info);
        } catch (IllegalStateException e) {
            // the bundle stopped meanwhile
        }
    }

    @Override
    public void execute(Request request, Reply reply) throws CommandException {
        if (!request.args().isEmpty()) {
            throw new CommandException(ErrorCode.BAD_REQUEST, "usage: status");
        }
        reply.table(FeatureStatus.table(FeatureStatus.of(context.getBundles(), scr)));
    }
}
