package dev.nautilus.app.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Key and trust stores made with keytool, for tests of the bus TLS keys. */
public final class TestKeyStores {

    /** Marked so that a run printing it fails (see ./nautilus test). */
    public static final String PASSWORD = "nautilus-test-secret-store";

    private TestKeyStores() {}

    /** A PKCS12 key store under {@code dir} holding one private key and its self-signed certificate. */
    public static Path keyStore(Path dir) throws IOException, InterruptedException {
        Path store = dir.resolve("client.p12");
        run(
                "keytool",
                "-genkeypair",
                "-alias",
                "client",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=nautilus-test",
                "-validity",
                "1",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        return store;
    }

    /** A PKCS12 trust store under {@code dir} holding the certificate of {@code keyStore}. */
    public static Path trustStore(Path dir, Path keyStore) throws IOException, InterruptedException {
        Path cert = dir.resolve("client.crt");
        run(
                "keytool",
                "-exportcert",
                "-alias",
                "client",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                cert.toString());
        Path store = dir.resolve("trust.p12");
        run(
                "keytool",
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                cert.toString(),
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        return store;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command[0] + " " + command[1] + " failed: " + output);
        }
    }
}
