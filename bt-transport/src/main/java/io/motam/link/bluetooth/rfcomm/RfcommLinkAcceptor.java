package io.motam.link.bluetooth.rfcomm;

import io.motam.link.Link;
import io.motam.link.LinkAcceptor;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.SerialPortProfile;
import io.motam.link.bluetooth.bluez.BluezBus;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.jboss.logging.Logger;

/**
 * The gateway's side of the RFCOMM link: a Serial Port Profile server registered with BlueZ
 * ({@code ProfileManager1.RegisterProfile}, role server, the configured channel, authentication
 * and authorisation required). BlueZ accepts the RFCOMM connection, asks our agent about untrusted
 * devices, and hands the socket to our {@code Profile1.NewConnection}; {@link #accept()} returns it
 * as a {@link Link} whose peer address is {@code bt:<device address>}.
 *
 * <pre>
 *  ACCEPTING --close()--&gt; CLOSED
 *  ACCEPTING --BlueZ Release--&gt; RELEASED    (accept() fails; make a new acceptor once BlueZ is back)
 * </pre>
 */
public final class RfcommLinkAcceptor implements LinkAcceptor {

    private static final Logger LOG = Logger.getLogger(RfcommLinkAcceptor.class);

    /** Where the profile object is exported; the adapter name is appended. */
    public static final String PROFILE_PATH_PREFIX = "/io/motam/bluetooth/spp_server_";

    /** Connections BlueZ handed over that accept() has not taken yet; more are refused. */
    static final int BACKLOG = 4;

    /** The acceptor's life. */
    public enum State {
        ACCEPTING,
        RELEASED,
        CLOSED
    }

    /** Wakes accept() when the acceptor stops. */
    private static final Object STOP = new Object();

    private final String adapterName;
    private final BluetoothAddress adapterAddress;
    private final int channel;
    private final ProfileEndpoint endpoint;
    private final BlockingQueue<Object> arrivals = new ArrayBlockingQueue<>(BACKLOG + 1);
    private ProfileRegistration registration;
    private State state = State.ACCEPTING;

    private RfcommLinkAcceptor(String adapterName, BluetoothAddress adapterAddress, int channel) {
        this.adapterName = adapterName;
        this.adapterAddress = adapterAddress;
        this.channel = channel;
        this.endpoint = new ProfileEndpoint(
                PROFILE_PATH_PREFIX + adapterName, BluezBus.MANAGER_PATH + "/" + adapterName, receiver());
    }

    /**
     * Registers the SPP server profile on {@code adapter} (e.g. {@code hci0}) and starts taking
     * connections.
     *
     * @param connection a system bus connection (junixsocket transport, which passes descriptors)
     * @param channel RFCOMM channel 1..30 ({@code motam.link.bluetooth.channel})
     */
    public static RfcommLinkAcceptor register(DBusConnection connection, String adapter, int channel)
            throws BluetoothException {
        SerialPortProfile.requireChannel(channel);
        BluezBus bus = new BluezBus(connection);
        String adapterPath = BluezBus.MANAGER_PATH + "/" + adapter;
        Object address = bus.get(Operation.of("open adapter " + adapter), adapterPath, BluezBus.ADAPTER, "Address");
        RfcommLinkAcceptor acceptor =
                new RfcommLinkAcceptor(adapter, BluetoothAddress.parse(String.valueOf(address)), channel);
        acceptor.registration =
                ProfileRegistration.register(bus, acceptor.endpoint, ProfileRegistration.serverOptions(channel));
        LOG.infof("Accepting RFCOMM links on %s channel %d", acceptor.adapterAddress, channel);
        return acceptor;
    }

    private ProfileEndpoint.Receiver receiver() {
        return new ProfileEndpoint.Receiver() {
            @Override
            public boolean offer(Link link) {
                synchronized (RfcommLinkAcceptor.this) {
                    return state == State.ACCEPTING && arrivals.remainingCapacity() > 1 && arrivals.offer(link);
                }
            }

            @Override
            public void released() {
                stop(State.RELEASED);
            }
        };
    }

    /**
     * Blocks until a device connects.
     *
     * @throws BluetoothException {@code CLOSED} once closed, {@code RELEASED} once BlueZ released the profile
     */
    @Override
    public Link accept() throws BluetoothException {
        Object next;
        try {
            next = arrivals.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BluetoothException(Reason.CANCELED, "accept", null, null, "interrupted", e);
        }
        if (next instanceof Link link) {
            return link;
        }
        arrivals.offer(STOP); // wake the next caller too
        State now = state();
        throw new BluetoothException(
                now == State.RELEASED ? Reason.RELEASED : Reason.CLOSED,
                "accept",
                null,
                now == State.RELEASED ? "BlueZ released the profile" : "acceptor closed");
    }

    /** {@code bt:<adapter address>}: what the pairing offer tells the camera. */
    @Override
    public String endpoint() {
        return adapterAddress.toEndpoint();
    }

    public BluetoothAddress adapterAddress() {
        return adapterAddress;
    }

    public int channel() {
        return channel;
    }

    /** The object path of our exported {@code Profile1}. */
    public String profilePath() {
        return PROFILE_PATH_PREFIX + adapterName;
    }

    public synchronized State state() {
        return state;
    }

    /** Closes links that BlueZ still holds for {@code device} (e.g. after a throw-out). */
    public void disconnect(BluetoothAddress device) {
        endpoint.disconnect(device);
    }

    private void stop(State next) {
        synchronized (this) {
            if (state != State.ACCEPTING) {
                return;
            }
            state = next;
            Object pending;
            while ((pending = arrivals.poll()) != null) {
                if (pending instanceof Link link) {
                    link.close();
                }
            }
            arrivals.offer(STOP);
        }
        LOG.infof("RFCOMM acceptor on %s: %s", adapterAddress, next);
    }

    /** Stops accepting and unregisters the profile; links already accepted stay open. Idempotent. */
    @Override
    public void close() {
        stop(State.CLOSED);
        ProfileRegistration r;
        synchronized (this) {
            r = registration;
            registration = null;
        }
        if (r != null) {
            r.close();
        }
    }
}
