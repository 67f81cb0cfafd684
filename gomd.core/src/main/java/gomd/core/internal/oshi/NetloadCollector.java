package gomd.core.internal.oshi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;

import gomd.core.api.Collector;
import gomd.core.api.CollectorProperties;
import gomd.core.api.Metric;
import gomd.core.api.MetricType;
import oshi.hardware.NetworkIF;

/**
 * {@code get netload [IFACE]}: every network interface with the seed's fields
 * ({@code IFACE_FLAGS ADDRESS SUBNET MTU COLLISIONS PACKETS_* BYTES_* ERRORS_*}) and rates
 * computed from the previous reading.
 */
@Component(service = Collector.class)
@CollectorProperties(name = "netload", selector = "iface",
        description = "network interfaces: flags, address, MTU, packets, bytes, errors and rates")
public class NetloadCollector implements Collector {

    /** One interface at one moment; {@code prefix} is the IPv4 netmask length, -1 when unknown. */
    record NetReading(String name, long millis, List<String> flags, String address, int prefix, String address6,
                      String mac, long mtu, long speed, long bytesIn, long bytesOut, long packetsIn, long packetsOut,
                      long errorsIn, long errorsOut, long dropsIn, long collisions) {
    }

    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    private final Supplier<List<NetReading>> source;
    private volatile Map<String, NetReading> previous = Map.of();

    public NetloadCollector() {
        this(NetloadCollector::readOshi);
    }

    NetloadCollector(Supplier<List<NetReading>> source) {
        this.source = source;
    }

    @Override
    public List<Metric> collect() {
        List<Metric> out = new ArrayList<>();
        Map<String, NetReading> now = new HashMap<>();
        for (NetReading r : source.get()) {
            if (now.putIfAbsent(r.name(), r) == null) {
                out.addAll(metrics(r, previous.get(r.name())));
            }
        }
        previous = now;
        return out;
    }

    /** The metrics of one interface; rates only when there is an earlier reading of it. */
    static List<Metric> metrics(NetReading r, NetReading before) {
        List<Metric> m = new ArrayList<>();
        m.add(info("IFACE_FLAGS", String.join(",", r.flags())));
        m.add(info("ADDRESS", r.address()));
        m.add(info("SUBNET", r.prefix() < 0 ? "" : Subnets.dotted(r.prefix())));
        m.add(gauge("MTU", r.mtu(), "B"));
        m.add(counter("COLLISIONS", r.collisions(), ""));
        m.add(counter("PACKETS_IN", r.packetsIn(), "packets"));
        m.add(counter("PACKETS_OUT", r.packetsOut(), "packets"));
        m.add(counter("PACKETS_TOTAL", r.packetsIn() + r.packetsOut(), "packets"));
        m.add(counter("BYTES_IN", r.bytesIn(), "B"));
        m.add(counter("BYTES_OUT", r.bytesOut(), "B"));
        m.add(counter("BYTES_TOTAL", r.bytesIn() + r.bytesOut(), "B"));
        m.add(counter("ERRORS_IN", r.errorsIn(), ""));
        m.add(counter("ERRORS_OUT", r.errorsOut(), ""));
        m.add(counter("ERRORS_TOTAL", r.errorsIn() + r.errorsOut(), ""));
        m.add(counter("DROPS_IN", r.dropsIn(), "packets"));
        if (before != null && r.millis() > before.millis()) {
            long ms = r.millis() - before.millis();
            double in = Rates.perSecond(before.bytesIn(), r.bytesIn(), ms);
            double outRate = Rates.perSecond(before.bytesOut(), r.bytesOut(), ms);
            m.add(gauge("BYTES_IN_RATE", in, "B/s"));
            m.add(gauge("BYTES_OUT_RATE", outRate, "B/s"));
            m.add(gauge("BYTES_TOTAL_RATE", in + outRate, "B/s"));
            m.add(gauge("PACKETS_IN_RATE", Rates.perSecond(before.packetsIn(), r.packetsIn(), ms), "packets/s"));
            m.add(gauge("PACKETS_OUT_RATE", Rates.perSecond(before.packetsOut(), r.packetsOut(), ms), "packets/s"));
            m.add(gauge("ERRORS_RATE", Rates.perSecond(before.errorsIn() + before.errorsOut(),
                    r.errorsIn() + r.errorsOut(), ms), "1/s"));
        }
        m.add(info("ADDRESS6", r.address6()));
        m.add(info("HWADDR", r.mac()));
        m.add(gauge("SPEED", r.speed(), "bit/s"));
        return m.stream().map(x -> x.withLabel("iface", r.name())).toList();
    }

    private static Metric info(String name, String value) {
        return Metric.info(name, value == null ? "" : value);
    }

    private static Metric gauge(String name, Number value, String unit) {
        return Metric.gauge(name, value, unit);
    }

    private static Metric counter(String name, long value, String unit) {
        return new Metric(name, Map.of(), MetricType.COUNTER, unit, value);
    }

    static List<NetReading> readOshi() {
        List<NetReading> out = new ArrayList<>();
        boolean linux = Oshi.isLinux();
        for (NetworkIF n : Oshi.hardware().getNetworkIFs(true)) {
            List<String> flags = linux ? IfFlags.fromSysfs(SYS_CLASS_NET, n.getName())
                    .orElseGet(() -> IfFlags.fromJava(n.queryNetworkInterface()))
                    : IfFlags.fromJava(n.queryNetworkInterface());
            String[] v4 = n.getIPv4addr();
            Short[] masks = n.getSubnetMasks();
            String[] v6 = n.getIPv6addr();
            out.add(new NetReading(n.getName(), n.getTimeStamp(), flags, v4.length > 0 ? v4[0] : "",
                    masks.length > 0 && masks[0] != null ? masks[0] : -1, v6.length > 0 ? v6[0] : "",
                    n.getMacaddr(), n.getMTU(), n.getSpeed(), n.getBytesRecv(), n.getBytesSent(), n.getPacketsRecv(),
                    n.getPacketsSent(), n.getInErrors(), n.getOutErrors(), n.getInDrops(), n.getCollisions()));
        }
        return out;
    }
}
