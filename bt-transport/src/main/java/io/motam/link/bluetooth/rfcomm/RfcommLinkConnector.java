package io.motam.link.bluetooth.rfcomm;

import io.motam.link.Link;
import io.motam.link.LinkConnector;
import io.motam.link.bluetooth.BluetoothAddress;
import io.motam.link.bluetooth.BluetoothException;
import io.motam.link.bluetooth.BluetoothException.Reason;
import io.motam.link.bluetooth.SerialPortProfile;
import io.motam.link.bluetooth.bluez.BluezBus;
import io.motam.link.bluetooth.bluez.BluezBus.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.jboss.logging.Logger;

/**
 * The camera's side of the RFCOMM link: a Serial Port Profile client registered with BlueZ. Each
 * {@link #connect()} asks BlueZ to connect the profile to the gateway
 * ({@code Device1.ConnectProfile(SPP)} on the gateway's device, which must be paired) and takes the
 * socket that BlueZ then hands to our {@code Profile1.NewConnection}, waiting at most the connect
 * timeout for both.
 *
 * <pre>
 *  camera                          BlueZ (camera)                       gateway
 *  connect() --ConnectProfile--&gt;   SDP query, RFCOMM connect  ------&gt;   SPP server (channel from SDP)
 *            &lt;--NewConnection(fd)-- (same socket)
 *            &lt;--ConnectProfile reply
 *  returns Link(bt:gateway)
 * </pre>
 */
public final class RfcommLinkConnector implements LinkConnector, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RfcommLinkConnector.class);

    /** Where the profile object is exported; the adapter name is appended. */
    public static final String PROFILE_PATH_PREFIX = "/io/motam/bluetooth/spp_client_";

    private final BluezBus bus;
    private final BluetoothAddress gateway;
    private final String gatewayPath;
    private final Duration connectTimeout;
    private final String adapterName;
    private final ProfileEndpoint endpoint;
    private ProfileRegistration registration;
    private CompletableFuture<Link> pending;
    private boolean released;
    private boolean closed;

    private RfcommLinkConnector(BluezBus bus, String adapter, BluetoothAddress gateway, Duration connectTimeout) {
        this.bus = bus;
        this.adapterName = adapter;
        this.gateway = gateway;
        String adapterPath = BluezBus.MANAGER_PATH + "/" + adapter;
        this.gatewayPath = adapterPath + "/" + gateway.objectName();
        this.connectTimeout = connectTimeout;
        this.endpoint = new ProfileEndpoint(PROFILE_PATH_PREFIX + adapter, adapterPath, new ProfileEndpoint.Receiver() {
            @Override
            public boolean offer(Link link) {
                return deliver(link);
            }

            @Override
            public void released() {
                markReleased();
            }
        });
    }

    /**
     * Registers the SPP client profile on {@code adapter} for connecting to {@code gateway}.
     *
     * @param gateway from the pairing offer's endpoint ({@link BluetoothAddress#fromEndpoint})
     * @param connectTimeout bound of each {@link #connect()}
     */
    public static RfcommLinkConnector register(
            DBusConnection connection, String adapter, BluetoothAddress gateway, Duration connectTimeout)
            throws BluetoothException {
        Objects.requireNonNull(gateway, "gateway");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("expected a positive connect timeout but was " + connectTimeout);
        }
        RfcommLinkConnector connector =
                new RfcommLinkConnector(new BluezBus(connection), adapter, gateway, connectTimeout);
        connector.registration =
                ProfileRegistration.register(connector.bus, connector.endpoint, ProfileRegistration.clientOptions());
        return connector;
    }

    /**
     * Opens a link to the gateway.
     *
     * @throws BluetoothException from {@code ConnectProfile} (e.g. {@code DOES_NOT_EXIST}: the
     *         gateway is not paired; {@code CONNECTION_FAILED}: out of range or not listening),
     *         {@code TIMEOUT} if BlueZ handed no socket in time, {@code CLOSED}
     */
    @Override
    public synchronized Link connect() throws BluetoothException {
        Operation op = Operation.of("connect profile", gateway);
        CompletableFuture<Link> arrival = begin(op);
        Instant deadline = Instant.now().plus(connectTimeout);
        Link link = null;
        try {
            bus.call(op, connectTimeout, gatewayPath, BluezBus.DEVICE, "ConnectProfile", "s", SerialPortProfile.UUID);
            Duration left = Duration.between(Instant.now(), deadline);
            link = arrival.get(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
            LOG.infof("RFCOMM link to gateway %s open", gateway);
            return link;
        } catch (TimeoutException e) {
            throw new BluetoothException(
                    Reason.TIMEOUT,
                    op.name(),
                    gateway,
                    null,
                    "BlueZ handed no connection within " + connectTimeout.toMillis() + " ms",
                    e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BluetoothException cause) {
                throw cause;
            }
            throw new BluetoothException(Reason.FAILED, op.name(), gateway, null, String.valueOf(e.getCause()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BluetoothException(Reason.CANCELED, op.name(), gateway, null, "interrupted", e);
        } finally {
            end(arrival, link);
        }
    }

    private CompletableFuture<Link> begin(Operation op) throws BluetoothException {
        synchronized (endpoint) {
            if (closed) {
                throw new BluetoothException(Reason.CLOSED, op.name(), gateway, "connector closed");
            }
            if (released) {
                registration.close();
                registration = ProfileRegistration.register(bus, endpoint, ProfileRegistration.clientOptions());
                released = false;
            }
            pending = new CompletableFuture<>();
            return pending;
        }
    }

    /** Stops waiting; a link that arrived but is not returned (it came just too late) is closed. */
    private void end(CompletableFuture<Link> arrival, Link returned) {
        synchronized (endpoint) {
            if (pending == arrival) {
                pending = null;
            }
        }
        if (!arrival.cancel(false) && returned == null && !arrival.isCompletedExceptionally()) {
            arrival.join().close();
        }
    }

    /** NewConnection: taken only while a connect() for that very gateway waits. */
    private boolean deliver(Link link) {
        synchronized (endpoint) {
            if (pending == null || !link.peerAddress().equals(gateway.toEndpoint())) {
                return false;
            }
            return pending.complete(link);
        }
    }

    private void markReleased() {
        synchronized (endpoint) {
            released = true;
            if (pending != null) {
                pending.completeExceptionally(new BluetoothException(
                        Reason.RELEASED, "connect profile", gateway, "BlueZ released the profile"));
            }
        }
    }

    public BluetoothAddress gateway() {
        return gateway;
    }

    /** The object path of our exported {@code Profile1}. */
    public String profilePath() {
        return PROFILE_PATH_PREFIX + adapterName;
    }

    /** Unregisters the profile; open links stay open. Idempotent. */
    @Override
    public void close() {
        ProfileRegistration r;
        synchronized (endpoint) {
            if (closed) {
                return;
            }
            closed = true;
            r = registration;
            if (pending != null) {
                pending.completeExceptionally(
                        new BluetoothException(Reason.CLOSED, "connect profile", gateway, "connector closed"));
            }
        }
        r.close();
    }

    @Override
    public String toString() {
        return "rfcomm:" + gateway.toEndpoint();
    }
}
