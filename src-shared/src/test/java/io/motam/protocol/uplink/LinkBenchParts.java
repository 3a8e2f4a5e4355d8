package io.motam.protocol.uplink;

import io.motam.link.Link;
import io.motam.domain.SystemState;
import io.motam.protocol.delivery.EventSink;
import io.motam.protocol.delivery.Outbox;
import io.motam.protocol.file.FileOutbox;
import io.motam.protocol.file.FileReceiver;
import io.motam.protocol.message.Command;
import io.motam.protocol.message.Event;
import io.motam.protocol.session.Identity;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/** The two ends and the connection that {@link LinkBench} runs, each over the real uplink classes. */
final class LinkBenchParts {
    private LinkBenchParts() {
    }

    /** A journal like the gateway's: one line per event, fsync'd before {@link #deliver} returns. */
    static final class FileJournal implements EventSink, AutoCloseable {
        private final FileChannel ch;
        private long last;
        volatile int count;

        FileJournal(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        @Override
        public synchronized long lastSequence(String cameraId) {
            return last;
        }

        @Override
        public synchronized void deliver(String cameraId, long sequence, Event event) throws IOException {
            String line = "{\"camera\":\"" + cameraId + "\",\"seq\":" + sequence + ",\"id\":\"" + event.id() + "\",\"at\":\""
                    + event.at() + "\"}\n";
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
            last = sequence;
            count++;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    /** The gateway's side: uplink receivers over a folder store and a {@link FileJournal}, admitting {@code camera}. */
    static final class Gateway implements AutoCloseable {
        final FolderFiles store;
        final FileJournal journal;
        final KnownKeysGate gate = new KnownKeysGate(1);
        private final List<GatewayConnection> receivers = new ArrayList<>();
        private final Identity identity;
        private final boolean directIo;
        private final ScheduledExecutorService timers;
        private final ExecutorService threads;

        Gateway(Path root, Identity identity, Identity camera, boolean directIo, ScheduledExecutorService timers,
                ExecutorService threads) throws IOException {
            this.identity = identity;
            this.directIo = directIo;
            this.timers = timers;
            this.threads = threads;
            store = new FolderFiles(root.resolve("files"));
            journal = new FileJournal(root.resolve("journal.jsonl"));
            gate.admit(camera.fingerprint(), "cam-bench");
        }

        void serve(Link t) {
            GatewayConnection r = new GatewayConnection(t, identity, gate, journal, store, UplinkSettings.DEFAULT,
                    new FileReceiver.Limits(256L << 20, 1L << 20, directIo), timers);
            receivers.add(r);
            threads.submit(r::run);
        }

        @Override
        public void close() throws IOException {
            for (GatewayConnection r : receivers) {
                r.close(io.motam.protocol.message.Close.Reason.SHUTDOWN);
                r.awaitClosed(Duration.ofSeconds(5));
            }
            journal.close();
        }
    }

    /** The camera's side: an outbox, a file queue and an uplink that dials {@code gateway} once. */
    static final class Camera implements AutoCloseable {
        final Outbox outbox;
        final FileOutbox files;
        Uplink uplink;
        private final Identity identity;
        private final Identity gateway;
        private final ScheduledExecutorService timers;

        Camera(Path root, Identity identity, Identity gateway, ScheduledExecutorService timers) throws IOException {
            this.identity = identity;
            this.gateway = gateway;
            this.timers = timers;
            outbox = Outbox.open(root.resolve("outbox"), 100_000);
            files = FileOutbox.open(root.resolve("outbox").resolve("files"), FileOutbox.Limits.DEFAULT);
        }

        void start(Link transport) {
            AtomicLong dials = new AtomicLong();
            uplink = new Uplink("cam-bench", identity, outbox, files, new Uplink.Target() {
                @Override
                public Optional<Uplink.Destination> next() {
                    return dials.get() == 0 ? Optional.of(Uplink.Destination.pinned("tcp:bench", gateway.fingerprint()))
                            : Optional.empty();
                }

                @Override
                public void paired(io.motam.protocol.pairing.PairingOffer offer) {
                }
            }, endpoint -> {
                dials.incrementAndGet();
                return transport;
            }, new Uplink.Handler() {
                @Override
                public void welcomed(io.motam.protocol.message.Welcome welcome) {
                }

                @Override
                public void command(Command command) {
                }
            }, UplinkSettings.DEFAULT, Uplink.Backoff.DEFAULT, timers);
            uplink.start();
        }

        @Override
        public void close() throws IOException {
            if (uplink != null) {
                uplink.close();
            }
            outbox.close();
        }
    }

    /** A loopback TCP connection, both ends with TCP_NODELAY. */
    static final class Tcp implements AutoCloseable {
        final Socket server;
        final Socket client;

        private Tcp(Socket server, Socket client) {
            this.server = server;
            this.client = client;
        }

        static Tcp open() throws IOException {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                Socket c = new Socket();
                c.setTcpNoDelay(true);
                c.connect(listener.getLocalSocketAddress(), 2000);
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                return new Tcp(s, c);
            }
        }

        Link serverTransport(AtomicLong wire) throws IOException {
            return transport(server, wire);
        }

        Link clientTransport(AtomicLong wire) throws IOException {
            return transport(client, wire);
        }

        /** The socket's streams, counting every byte both ways into {@code wire} if given. */
        private static Link transport(Socket s, AtomicLong wire) throws IOException {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            if (wire != null) {
                in = new FilterInputStream(in) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            wire.incrementAndGet();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            wire.addAndGet(n);
                        }
                        return n;
                    }
                };
                out = new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        wire.addAndGet(len);
                    }

                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        wire.incrementAndGet();
                    }
                };
            }
            return Link.of(in, out, "tcp:loopback", () -> {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            });
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }
}
