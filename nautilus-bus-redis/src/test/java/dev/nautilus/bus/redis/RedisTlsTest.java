package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.Bus;
import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.bus.redis.monitor.BusMonitor;
import dev.nautilus.bus.redis.monitor.MonitorTarget;
import dev.nautilus.bus.redis.monitor.RedisSnapshot;
import dev.nautilus.testkit.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bus over TLS ({@code rediss://}): the Lettuce command connection, the publisher's socket and the
 * readers' sockets all verify the server's certificate, host name included, against a trust store
 * holding the test's own self-signed certificate; or, with {@code verifyPeer=NONE}, none of them do.
 * With a Redis that asks for client certificates, each of them, and the monitor's, presents the one
 * of the bus's {@link RedisTls} key store, checking the server against its trust store: set on the
 * bus, not through the JVM's {@code javax.net.ssl} properties.
 */
class RedisTlsTest {

    /** Marked so that a run printing it fails (see ./nautilus test). */
    static final String KEY_STORE_PASSWORD = "nautilus-test-secret-key-store";

    static final String TRUST_STORE_PASSWORD = "nautilus-test-secret-trust-store";

    @TempDir
    Path dir;

    @Test
    void aBusOverTlsPublishesAndDeliversWithTheServerCertificateChecked() throws Exception {
        Path key = dir.resolve("redis.key");
        Path cert = dir.resolve("redis.crt");
        selfSigned(key, cert);
        Path trustStore = dir.resolve("trust.p12");
        run(
                "keytool",
                "-importcert",
                "-noprompt",
                "-alias",
                "redis",
                "-file",
                cert.toString(),
                "-keystore",
                trustStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit");
        // The JVM's default trust store, read when TLS is first used in this test JVM: no other test
        // of this module uses TLS, so it is read here.
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");

        int tlsPort = RedisServer.unusedPort();
        try (RedisServer md = tlsRedis(tlsPort, key, cert);
                RedisServer el = RedisServer.start()) {
            String url = "rediss://127.0.0.1:" + tlsPort;
            try (DualMessageBus bus = RedisBuses.dualBus(
                    RoutingTable.defaults(),
                    RedisBusConfig.defaults(url, "platform"),
                    RedisBusConfig.defaults(el.url(), "platform"))) {
                publishAndAwaitDelivery(bus, 100);
                // Every bus connection came in on the TLS port.
                assertThat(namedConnections(md))
                        .hasSize(3)
                        .anyMatch(line -> line.contains("name=nautilus:platform:marketdata:pub "))
                        .anyMatch(line -> line.contains("name=nautilus:platform:marketdata:cmd "))
                        .anyMatch(line -> line.contains("name=nautilus:features:marketdata:reader "))
                        .allMatch(line -> line.contains(" laddr=127.0.0.1:" + tlsPort + " "));
            }
            assertThat(md.commandStat("xadd", "calls")).isEqualTo(100);
        }
    }

    @Test
    void verifyPeerNoneInTheUrlTrustsAnyCertificateOnEveryConnectionAsLettuceDoes() throws Exception {
        Path key = dir.resolve("other.key");
        Path cert = dir.resolve("other.crt");
        selfSigned(key, cert); // in no trust store
        int tlsPort = RedisServer.unusedPort();
        try (RedisServer md = tlsRedis(tlsPort, key, cert);
                RedisServer el = RedisServer.start();
                DualMessageBus bus = RedisBuses.dualBus(
                        RoutingTable.defaults(),
                        RedisBusConfig.defaults("rediss://127.0.0.1:" + tlsPort + "?verifyPeer=NONE", "platform"),
                        RedisBusConfig.defaults(el.url(), "platform"))) {
            AtomicInteger handled = new AtomicInteger();
            bus.subscribe(
                    new SubscriptionSpec("features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                    m -> handled.incrementAndGet());
            bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                    .source("t")
                    .payload(Map.of())
                    .build());
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.get() == 1);
        }
    }

    @Test
    void withAClientCertificateEveryConnectionAuthenticatesToARedisThatRequiresOne() throws Exception {
        Pki pki = Pki.create(dir);
        RedisTls tls = RedisTls.NONE
                .withKeyStore(RedisTls.Store.pkcs12(pki.clientKeyStore(), KEY_STORE_PASSWORD))
                .withTrustStore(RedisTls.Store.pkcs12(pki.trustStore(), TRUST_STORE_PASSWORD));
        int tlsPort = RedisServer.unusedPort();
        try (RedisServer md = mutualTlsRedis(tlsPort, pki);
                RedisServer el = RedisServer.start()) {
            String url = "rediss://127.0.0.1:" + tlsPort;
            try (DualMessageBus bus = RedisBuses.dualBus(
                    RoutingTable.defaults(),
                    RedisBusConfig.defaults(url, "platform").withTls(tls),
                    RedisBusConfig.defaults(el.url(), "platform").withTls(tls))) {
                publishAndAwaitDelivery(bus, 100);
                try (BusMonitor monitor = new BusMonitor(List.of(
                        MonitorTarget.forBus(Bus.MARKETDATA, url, "nautilus").withTls(tls)))) {
                    RedisSnapshot snapshot = monitor.snapshot().redis().getFirst();
                    assertThat(snapshot.error()).isEmpty();
                    assertThat(snapshot.reachable()).isTrue();
                    assertThat(snapshot.streams()).anyMatch(stream -> stream.length() == 100);
                    // Command connection, publisher socket, reader socket and the monitor: each came in on
                    // the port that refuses a connection without a client certificate signed by the CA.
                    assertThat(namedConnections(md))
                            .hasSize(4)
                            .anyMatch(line -> line.contains("name=nautilus:platform:marketdata:pub "))
                            .anyMatch(line -> line.contains("name=nautilus:platform:marketdata:cmd "))
                            .anyMatch(line -> line.contains("name=nautilus:features:marketdata:reader "))
                            .anyMatch(line -> line.contains("name=nautilus:monitor:marketdata:monitor "))
                            .allMatch(line -> line.contains(" laddr=127.0.0.1:" + tlsPort + " "));
                }
            }
            assertThat(md.commandStat("xadd", "calls")).isEqualTo(100);
        }
    }

    @Test
    void withoutAClientCertificateABusCannotConnectToARedisThatRequiresOne() throws Exception {
        Pki pki = Pki.create(dir);
        RedisTls trustOnly =
                RedisTls.NONE.withTrustStore(RedisTls.Store.pkcs12(pki.trustStore(), TRUST_STORE_PASSWORD));
        int tlsPort = RedisServer.unusedPort();
        try (RedisServer md = mutualTlsRedis(tlsPort, pki);
                RedisServer el = RedisServer.start()) {
            assertThatThrownBy(() -> RedisBuses.dualBus(
                            RoutingTable.defaults(),
                            RedisBusConfig.defaults("rediss://127.0.0.1:" + tlsPort, "platform")
                                    .withTls(trustOnly),
                            RedisBusConfig.defaults(el.url(), "platform")))
                    .hasMessageContaining("cannot connect the MarketData bus to rediss://127.0.0.1:" + tlsPort)
                    .hasMessageContaining("certificate_required");
            assertThat(namedConnections(md)).isEmpty();
        }
    }

    /** Subscribes the features engine to market data, publishes {@code count} messages and waits for them all. */
    private static void publishAndAwaitDelivery(DualMessageBus bus, int count) {
        AtomicInteger handled = new AtomicInteger();
        bus.subscribe(
                new SubscriptionSpec("features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                m -> handled.incrementAndGet());
        for (int i = 0; i < count; i++) {
            bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                    .source("t")
                    .payload(Map.of("i", i))
                    .build());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> handled.get() == count);
    }

    private static List<String> namedConnections(RedisServer redis) {
        return java.util.Arrays.stream(redis.command("CLIENT", "LIST").split("\n"))
                .filter(line -> line.contains(" name=nautilus:"))
                .toList();
    }

    /** A Redis whose TLS port takes only clients with a certificate signed by the test's CA. */
    private static RedisServer mutualTlsRedis(int tlsPort, Pki pki) {
        return RedisServer.start(
                "--tls-port",
                String.valueOf(tlsPort),
                "--tls-cert-file",
                pki.serverCert().toString(),
                "--tls-key-file",
                pki.serverKey().toString(),
                "--tls-ca-cert-file",
                pki.caCert().toString(),
                "--tls-auth-clients",
                "yes");
    }

    private static void selfSigned(Path key, Path cert) throws IOException, InterruptedException {
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString());
    }

    /** A Redis that also listens for TLS on {@code tlsPort}; the test's own commands use its plain port. */
    private static RedisServer tlsRedis(int tlsPort, Path key, Path cert) {
        return RedisServer.start(
                "--tls-port",
                String.valueOf(tlsPort),
                "--tls-cert-file",
                cert.toString(),
                "--tls-key-file",
                key.toString(),
                "--tls-ca-cert-file",
                cert.toString(),
                "--tls-auth-clients",
                "no");
    }

    /**
     * A test CA, a server certificate for 127.0.0.1 and a client certificate both signed by it, the
     * client's in a PKCS12 key store and the CA's in a PKCS12 trust store.
     */
    record Pki(Path caCert, Path serverCert, Path serverKey, Path clientKeyStore, Path trustStore) {

        static Pki create(Path dir) throws IOException, InterruptedException {
            Path caKey = dir.resolve("ca.key");
            Path caCert = dir.resolve("ca.crt");
            run(
                    "openssl",
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "1",
                    "-subj",
                    "/CN=nautilus-test-ca",
                    "-keyout",
                    caKey.toString(),
                    "-out",
                    caCert.toString());
            Path serverKey = dir.resolve("server.key");
            Path serverCert = dir.resolve("server.crt");
            signed(dir, caKey, caCert, "127.0.0.1", "subjectAltName=IP:127.0.0.1", serverKey, serverCert);
            Path clientKey = dir.resolve("client.key");
            Path clientCert = dir.resolve("client.crt");
            signed(dir, caKey, caCert, "nautilus-platform", "extendedKeyUsage=clientAuth", clientKey, clientCert);
            Path clientKeyStore = dir.resolve("client.p12");
            run(
                    "openssl",
                    "pkcs12",
                    "-export",
                    "-name",
                    "client",
                    "-inkey",
                    clientKey.toString(),
                    "-in",
                    clientCert.toString(),
                    "-out",
                    clientKeyStore.toString(),
                    "-passout",
                    "pass:" + KEY_STORE_PASSWORD);
            Path trustStore = dir.resolve("ca-trust.p12");
            run(
                    "keytool",
                    "-importcert",
                    "-noprompt",
                    "-alias",
                    "ca",
                    "-file",
                    caCert.toString(),
                    "-keystore",
                    trustStore.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    TRUST_STORE_PASSWORD);
            return new Pki(caCert, serverCert, serverKey, clientKeyStore, trustStore);
        }

        private static void signed(
                Path dir, Path caKey, Path caCert, String commonName, String extension, Path key, Path cert)
                throws IOException, InterruptedException {
            Path request = dir.resolve(commonName + ".csr");
            Path extensions = dir.resolve(commonName + ".ext");
            Files.writeString(extensions, extension + "\n");
            run(
                    "openssl",
                    "req",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-subj",
                    "/CN=" + commonName,
                    "-keyout",
                    key.toString(),
                    "-out",
                    request.toString());
            run(
                    "openssl",
                    "x509",
                    "-req",
                    "-in",
                    request.toString(),
                    "-CA",
                    caCert.toString(),
                    "-CAkey",
                    caKey.toString(),
                    "-CAcreateserial",
                    "-days",
                    "1",
                    "-extfile",
                    extensions.toString(),
                    "-out",
                    cert.toString());
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
