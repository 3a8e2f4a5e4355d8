package io.motam.demo;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.util.Properties;

/** Moquette on loopback for the demo when no external broker is named (MQTT 3.1.1, no persistence). */
public final class EmbeddedBroker implements AutoCloseable {
    private final Server server = new Server();

    public EmbeddedBroker(int port) throws IOException {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("allow_anonymous", "true");
        // mosquitto_pub/sub (MQTT 3.1.1) send an empty client id and let the broker name them
        p.setProperty("allow_zero_byte_client_id", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.mqtt.message_size", "1048576");
        server.startServer(new MemoryConfig(p));
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
