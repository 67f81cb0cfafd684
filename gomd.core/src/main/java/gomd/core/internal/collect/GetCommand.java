package gomd.core.internal.collect;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import gomd.core.api.Cluster;
import gomd.core.api.Command;
import gomd.core.api.CommandException;
import gomd.core.api.CommandProperties;
import gomd.core.api.ErrorCode;
import gomd.core.api.Metric;
import gomd.core.api.Record;
import gomd.core.api.Reply;
import gomd.core.api.Request;
import gomd.core.api.Sample;
import gomd.core.api.Table;
import gomd.core.internal.collect.SampleFormat.Group;

/** {@code get}: the latest samples of the collectors, the raw /proc reader and cluster-wide queries. */
@Component(service = Command.class, configurationPid = Sampler.PID)
@CommandProperties(name = "get", synopsis = "get [SOURCE [SELECTOR|*] [ALL|NODES]]", help = {
        "Node statistics, answered from memory (sampled in the background, get never waits for a source).",
        "get: the sources, with selector, interval and description.",
        "get SOURCE: node-wide values in one record, then one record per interface, cpu, disk or mount.",
        "get SOURCE SELECTOR: only that one, e.g. get netload eth0, get cpu 0, get disk sda, get fs /.",
        "get -d SOURCE: the keys of a source with their type and unit.",
        "get ps [cpu|mem] [N]: process counts and the top N processes (default cpu 10, at most 50).",
        "get proc FILE: the raw text of /proc/FILE, e.g. get proc loadavg.",
        "get SOURCE [SELECTOR|*] ALL|NODES: the same from every node or from nodes such as 1-3,5"
                + " (needs gomd.rgs), keys KEY_OF_NODE_#N; a node that does not answer gives (SOURCE_OF_NODE_#N:-101).",
        "Sources: load, cpu, mem, netload, disk, fs, ps, uptime, os, proc, and those of plugins."})
public class GetCommand implements Command {

    /** A /proc read that blocks (a process in D state) is given up after this long. */
    static final Duration PROC_TIMEOUT = Duration.ofSeconds(5);

    private static final Map<String, String> NOUNS = Map.of("iface", "interface", "cpu", "cpu", "disk", "disk",
            "mount", "mount point", "pid", "process");

    @Reference
    Sources sources;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Cluster cluster;

    ProcReader proc = new ProcReader(Path.of("/proc"));

    private volatile Duration clusterTimeout = Duration.ofSeconds(3);
    private final ThreadPoolExecutor procReads = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), NamedThreads.factory("gomd-proc-read"));

    @Activate
    @Modified
    void configure(Map<String, Object> props) {
        long seconds = new ConfigValues(Sampler.PID, props).number("clusterTimeout", 3, 1, 60,
                clusterTimeout.toSeconds());
        clusterTimeout = Duration.ofSeconds(seconds);
    }

    @Deactivate
    void deactivate() {
        procReads.shutdownNow();
    }

    @Override
    public void execute(Request request, Reply reply) throws CommandException {
        List<String> args = request.args();
        if (args.isEmpty()) {
            list(reply);
            return;
        }
        if (args.get(0).equals("-d")) {
            if (args.size() != 2) {
                throw new CommandException(ErrorCode.BAD_REQUEST, "usage: get -d SOURCE");
            }
            describe(args.get(1), reply);
            return;
        }
        GetRequest get = GetRequest.parse(args, sources::source);
        if (get.nodes().isPresent()) {
            Cluster c = cluster;
            if (c == null) {
                throw new CommandException(ErrorCode.UNAVAILABLE, "cluster queries need gomd.rgs");
            }
            ClusterGet.answer(c, get.nodes().get(), get.source(), get.localLine(), clusterTimeout, reply);
        } else if (get.source().equals(GetRequest.PROC)) {
            readProc(get.args().get(0)).forEach(reply::text);
        } else {
            local(get, reply);
        }
    }

    private void list(Reply reply) {
        Table.Builder t = Table.builder("SOURCE", "SELECTOR", "INTERVAL", "DESCRIPTION");
        for (SourceInfo s : sources.sources()) {
            t.row(s.name(), s.selector(), s.interval(), s.description());
        }
        t.row(GetRequest.PROC, "FILE", "", "raw text of /proc/FILE");
        reply.table(t.build());
    }

    private void describe(String source, Reply reply) throws CommandException {
        Sample sample = sample(source);
        Map<String, Metric> first = new LinkedHashMap<>();
        sample.metrics().forEach(m -> first.putIfAbsent(m.name(), m));
        Table.Builder t = Table.builder("KEY", "TYPE", "UNIT", "LABELS");
        first.values().forEach(m -> t.row(m.name(), m.type(), m.unit(), String.join(",", new TreeSet<>(m.labels().keySet()))));
        reply.table(t.build());
    }

    private void local(GetRequest get, Reply reply) throws CommandException {
        SourceInfo info = sources.source(get.source())
                .orElseThrow(() -> new CommandException(ErrorCode.NOT_FOUND, "no source " + get.source()));
        Sample sample = sample(get.source());
        List<Group> groups = SampleFormat.groups(sample.metrics());
        if (get.source().equals(PsView.SOURCE)) {
            String order = get.args().stream().filter(PsView::isSortKey).findFirst().orElse("cpu");
            int count = get.args().stream().filter(a -> a.matches("\\d+")).map(Integer::parseInt).findFirst()
                    .orElse(PsView.DEFAULT_COUNT);
            PsView.answer(groups, order, count, reply);
        } else {
            Optional<String> selected = get.args().stream().filter(a -> !a.equals(GetRequest.EVERY)).findFirst();
            List<Group> shown = selected.isEmpty() ? groups
                    : groups.stream().filter(g -> selected.get().equals(g.labels().get(info.selector()))).toList();
            if (shown.isEmpty() && selected.isPresent()) {
                throw new CommandException(ErrorCode.NOT_FOUND,
                        "no " + NOUNS.getOrDefault(info.selector(), info.selector()) + " " + selected.get());
            }
            shown.forEach(g -> reply.record(SampleFormat.record(g, info.selector())));
        }
        sample.error().ifPresent(e -> reply.record(Record.of("STALE", e)));
    }

    /** The latest sample with values; UNAVAILABLE (with the reason) when there are none. */
    private Sample sample(String source) throws CommandException {
        Sample sample = sources.latest(source).orElseThrow(() -> sources.source(source).isPresent()
                ? new CommandException(ErrorCode.UNAVAILABLE, source + ": no sample yet")
                : new CommandException(ErrorCode.NOT_FOUND, "no source " + source + " (get lists them)"));
        if (sample.metrics().isEmpty() && sample.error().isPresent()) {
            throw new CommandException(ErrorCode.UNAVAILABLE, source + ": " + sample.error().get());
        }
        return sample;
    }

    private List<String> readProc(String file) throws CommandException {
        Future<List<String>> read;
        try {
            read = procReads.submit(() -> proc.read(file));
        } catch (RejectedExecutionException e) {
            throw new CommandException(ErrorCode.BUSY, "too many /proc reads at once");
        }
        try {
            return read.get(PROC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CommandException ce) {
                throw ce;
            }
            throw new CommandException(ErrorCode.FAILED, "cannot read /proc/" + file + ": " + e.getCause());
        } catch (TimeoutException e) {
            read.cancel(true);
            throw new CommandException(ErrorCode.TIMEOUT, "/proc/" + file + " did not answer within "
                    + PROC_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(ErrorCode.FAILED, "interrupted");
        }
    }
}
