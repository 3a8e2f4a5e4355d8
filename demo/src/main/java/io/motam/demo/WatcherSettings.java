package io.motam.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The MQTT settings of the demo's watcher, read from the same environment variables the gateway
 * reads for {@code motam.mqtt.*} ({@code MOTAM_MQTT_HOST}, {@code _PORT}, {@code _USERNAME},
 * {@code _PASSWORD}, {@code _TLS_ENABLED}, {@code _TLS_CA_FILE}, {@code _TLS_CLIENT_CERT_FILE},
 * {@code _TLS_CLIENT_KEY_FILE}, {@code _TLS_VERIFY_HOSTNAME}), so the watcher connects wherever
 * and however the gateway it starts connects. The password is kept as {@code char[]}.
 */
public record WatcherSettings(
        String host,
        int port,
        Optional<String> username,
        Optional<char[]> password,
        boolean tls,
        Optional<Path> caFile,
        Optional<Path> clientCert,
        Optional<Path> clientKey,
        boolean verifyHostname) {

    /** From the environment; {@code host == null} means "no external broker": the caller picks one. */
    public static WatcherSettings fromEnvironment(Map<String, String> env, String defaultHost, int defaultPort) {
        String host = value(env, "MOTAM_MQTT_HOST").orElse(defaultHost);
        int port = value(env, "MOTAM_MQTT_PORT").map(Integer::parseInt).orElse(defaultPort);
        return new WatcherSettings(
                host,
                port,
                value(env, "MOTAM_MQTT_USERNAME"),
                value(env, "MOTAM_MQTT_PASSWORD").map(String::toCharArray),
                value(env, "MOTAM_MQTT_TLS_ENABLED").map(Boolean::parseBoolean).orElse(false),
                value(env, "MOTAM_MQTT_TLS_CA_FILE").map(Path::of),
                value(env, "MOTAM_MQTT_TLS_CLIENT_CERT_FILE").map(Path::of),
                value(env, "MOTAM_MQTT_TLS_CLIENT_KEY_FILE").map(Path::of),
                value(env, "MOTAM_MQTT_TLS_VERIFY_HOSTNAME")
                        .map(Boolean::parseBoolean)
                        .orElse(true));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    public String serverUri() {
        return (tls ? "ssl://" : "tcp://") + host + ":" + port;
    }

    /** Connect options with the credentials and TLS of these settings, reconnecting automatically. */
    public MqttConnectOptions connectOptions() throws IOException, GeneralSecurityException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setAutomaticReconnect(true);
        o.setConnectionTimeout(10);
        username.ifPresent(o::setUserName);
        password.ifPresent(p -> o.setPassword(p.clone()));
        if (tls) {
            o.setSocketFactory(sslContext().getSocketFactory());
            o.setHttpsHostnameVerificationEnabled(verifyHostname);
        }
        return o;
    }

    private SSLContext sslContext() throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caFile.isPresent()) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(caFile.get())) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            tmf.init(trust);
        } else {
            tmf.init((KeyStore) null);
        }
        KeyManagerFactory kmf = null;
        if (clientCert.isPresent() != clientKey.isPresent()) {
            throw new IOException(
                    "MOTAM_MQTT_TLS_CLIENT_CERT_FILE and MOTAM_MQTT_TLS_CLIENT_KEY_FILE go together, but only "
                            + (clientCert.isPresent() ? "the certificate" : "the key") + " is set");
        }
        if (clientCert.isPresent()) {
            char[] none = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(
                    "client",
                    privateKey(clientKey.get()),
                    none,
                    certificates(clientCert.get()).toArray(new Certificate[0]));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, none);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static java.util.Collection<? extends Certificate> certificates(Path pem)
            throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    /** A PEM PKCS#8 private key ({@code BEGIN PRIVATE KEY}), RSA or EC, as the gateway reads it. */
    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(pem + ": expected a PEM PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        GeneralSecurityException last = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * One line saying why a connection failed, from Paho's reason code (not from its message
     * catalogue, which needs resources a class loader may not find).
     */
    public static String reason(MqttException e) {
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION -> "bad user name or password";
            case MqttException.REASON_CODE_NOT_AUTHORIZED -> "not authorised";
            case MqttException.REASON_CODE_INVALID_CLIENT_ID -> "client id rejected";
            case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> "broker unavailable";
            case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION -> "protocol version not accepted";
            case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer in time";
            case MqttException.REASON_CODE_SSL_CONFIG_ERROR -> "TLS configuration error";
            default ->
                e.getCause() != null ? String.valueOf(e.getCause().getMessage()) : "reason code " + e.getReasonCode();
        };
    }

    @Override
    public String toString() {
        return "WatcherSettings[" + serverUri() + ", user " + username.orElse("(none)") + ", password "
                + (password.isPresent() ? "set" : "none") + "]";
    }
}
