package gomd.rgs.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import org.jgroups.Address;
import org.jgroups.BytesMessage;
import org.jgroups.JChannel;
import org.jgroups.MergeView;
import org.jgroups.Message;
import org.jgroups.Receiver;
import org.jgroups.View;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.stack.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of membership: a JGroups channel and the {@link NodeTable} it feeds, from connect to
 * leave. JGroups calls back on its own threads; every callback is handed to the membership
 * thread ({@code executor}, single-threaded), which alone touches the table and the channel
 * after {@link #connect}. Readers get the published {@link #rows()}.
 */
final class Session implements Receiver {

    /** Told every change, on the membership thread. */
    interface Listener {
        void changed(List<NodeTable.Change> changes);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** Announcements are small; anything bigger is not one. */
    private static final int MAX_PAYLOAD = 16 * 1024;

    private final JChannel channel;
    private final String clusterName;
    private final NodeTable<Address> table;
    private final Executor executor;
    private final Listener listener;
    private final Set<Address> lastView = new HashSet<>();
    private volatile List<NodeTable.Row> rows;
    private volatile boolean closed;

    /**
     * Builds the channel (no socket is opened yet). A wildcard console address in {@code self}
     * is replaced by the address membership binds to, the one peers can reach.
     */
    Session(List<Protocol> stack, String clusterName, Announcement self, Executor executor, Listener listener)
            throws Exception {
        this.clusterName = clusterName;
        this.executor = executor;
        this.listener = listener;
        this.channel = new JChannel(stack);
        channel.setDiscardOwnMessages(true);
        channel.setReceiver(this);
        channel.name("#" + self.number() + "@" + self.name());
        InetAddress bound = channel.getProtocolStack().getTransport().getBindAddr();
        FD_SOCK2 failureDetection = channel.getProtocolStack().findProtocol(FD_SOCK2.class);
        if (failureDetection != null && bound != null) {
            failureDetection.setBindAddress(bound); // it would listen on every address otherwise
        }
        Announcement me = self.consoleAddress().isAnyLocalAddress() && bound != null
                ? self.withConsoleAddress(bound) : self;
        this.table = new NodeTable<>(me, Clock.systemUTC());
        this.rows = table.rows();
    }

    /** Joins the cluster (or founds it); blocks for discovery and the join. */
    void connect() throws Exception {
        channel.connect(clusterName);
    }

    /** The published snapshot: every node, this one included. */
    List<NodeTable.Row> rows() {
        return rows;
    }

    Announcement self() {
        return table.self();
    }

    /** The live members that announced themselves (membership thread). */
    Map<Address, Announcement> alive() {
        return table.alive();
    }

    /** This daemon's features changed: tell everyone (membership thread). */
    void announceFeatures(Set<String> features) {
        if (features.equals(table.self().features())) {
            return;
        }
        table.updateSelf(table.self().withFeatures(features));
        publish();
        send(null, table.self().encode());
    }

    /**
     * Asks members that have not announced themselves to do so (membership thread): a hello can
     * be missed by a daemon that was still joining.
     */
    void askSilentMembers() {
        table.silent().forEach(m -> send(m, Announcement.ASK));
    }

    /** Drops departed nodes gone longer than {@code after} (membership thread). */
    void forget(Duration after) {
        table.forget(after);
        publish();
    }

    /** Says bye and leaves the cluster: peers report this daemon LEFT, not FAILED. */
    void leave() {
        if (channel.isConnected()) {
            send(null, Announcement.BYE);
        }
        close();
    }

    /** Closes the channel without a bye (after a failed connect). */
    void close() {
        closed = true;
        channel.close();
    }

    @Override
    public void viewAccepted(View view) {
        executor.execute(() -> {
            if (!closed) {
                onView(view);
            }
        });
    }

    @Override
    public void receive(Message msg) {
        if (msg.getLength() > MAX_PAYLOAD || msg.getArray() == null) {
            return;
        }
        Address from = msg.getSrc();
        byte[] payload = Arrays.copyOfRange(msg.getArray(), msg.getOffset(), msg.getOffset() + msg.getLength());
        executor.execute(() -> {
            if (!closed) {
                onMessage(from, payload);
            }
        });
    }

    private void onView(View view) {
        Address me = channel.getAddress();
        int partitions = view instanceof MergeView merge ? merge.getSubgroups().size() : 1;
        List<Address> added = new ArrayList<>();
        for (Address m : view.getMembers()) {
            if (!lastView.contains(m) && !m.equals(me)) {
                added.add(m);
            }
        }
        lastView.clear();
        lastView.addAll(view.getMembers());
        List<NodeTable.Change> changes = table.view(me, view.getMembers(), partitions);
        // Each side of a merge may have kept the other in its view all along (only one side
        // dropped it): tell who we are and ask who they are, so both tables learn both.
        byte[] hello = table.self().encode();
        List<Address> silent = table.silent();
        for (Address m : added) {
            send(m, hello);
            if (silent.contains(m)) {
                send(m, Announcement.ASK);
            }
        }
        changed(changes);
    }

    private void onMessage(Address from, byte[] payload) {
        if (Announcement.isBye(payload)) {
            table.bye(from);
            return;
        }
        if (Announcement.isAsk(payload)) {
            send(from, table.self().encode());
            return;
        }
        try {
            changed(table.announce(from, Announcement.decode(payload)));
        } catch (IllegalArgumentException e) {
            LOG.warn("ignored a malformed announcement from {}: {}", from, e.getMessage());
        }
    }

    private void changed(List<NodeTable.Change> changes) {
        publish();
        if (!changes.isEmpty()) {
            listener.changed(changes);
        }
    }

    private void publish() {
        rows = table.rows();
    }

    private void send(Address to, byte[] payload) {
        try {
            channel.send(new BytesMessage(to, payload));
        } catch (Exception e) {
            LOG.debug("could not send an announcement to {}: {}", to == null ? "everyone" : to, e.toString());
        }
    }
}
