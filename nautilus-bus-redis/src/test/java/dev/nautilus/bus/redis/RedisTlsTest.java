package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.nautilus.bus.DualMessageBus;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.bus.SubscriptionSpec;
import dev.nautilus.testkit.RedisServer;
import java.io.IOException;
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
 */
class RedisTlsTest {

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
            AtomicInteger handled = new AtomicInteger();
            try (DualMessageBus bus = RedisBuses.dualBus(
                    RoutingTable.defaults(),
                    RedisBusConfig.defaults(url, "platform"),
                    RedisBusConfig.defaults(el.url(), "platform"))) {
                bus.subscribe(
                        new SubscriptionSpec(
                                "features", "features-1", List.of("*"), EnumSet.of(MessageType.MARKET_DATA)),
                        m -> handled.incrementAndGet());
                for (int i = 0; i < 100; i++) {
                    bus.publish(Message.builder(MessageType.MARKET_DATA, "market_data.trade.BTCUSD")
                            .source("t")
                            .payload(Map.of("i", i))
                            .build());
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> handled.get() == 100);
                // Every bus connection came in on the TLS port.
                List<String> busConnections = java.util.Arrays.stream(
                                md.command("CLIENT", "LIST").split("\n"))
                        .filter(line -> line.contains(" name=nautilus:"))
                        .toList();
                assertThat(busConnections)
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

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
