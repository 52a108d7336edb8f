package dev.nautilus.bus.redis;

import dev.nautilus.bus.Redaction;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS material of every {@code rediss://} connection of a bus and of the monitor, given to each
 * client explicitly rather than through the JVM's {@code javax.net.ssl.*} properties (whose first
 * reader, e.g. {@code SSLContext.getDefault()}, caches them for the whole JVM): a key store with the
 * client certificate presented to a Redis started with {@code --tls-auth-clients yes}, and a trust
 * store with the certificates Redis's own is checked against. Without a key store no client
 * certificate is presented; without a trust store the JVM's default trust store is used.
 * {@link #NONE}, neither, leaves every connection as it was before this existed.
 *
 * @param keyStore   the client certificate and its private key
 * @param trustStore what the server's certificate must chain to
 */
public record RedisTls(Optional<Store> keyStore, Optional<Store> trustStore) {

    /** No key store, no trust store: the JVM's defaults. */
    public static final RedisTls NONE = new RedisTls(Optional.empty(), Optional.empty());

    /**
     * A key or trust store file.
     *
     * @param path     the file
     * @param password its password, {@code null} for none; never printed
     * @param type     the {@link KeyStore} type, {@code PKCS12} by default (which reads JKS files too)
     */
    public record Store(Path path, String password, String type) {

        public Store {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(type, "type");
        }

        /** A PKCS12 store. */
        public static Store pkcs12(Path path, String password) {
            return new Store(path, password, "PKCS12");
        }

        /**
         * Reads the file.
         *
         * @throws IllegalArgumentException naming the file (never the password) when it is missing,
         *                                  unreadable, not a key store of this type, or the password is wrong
         */
        public KeyStore load() {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException(path + " does not exist or is not a file");
            }
            try (InputStream in = Files.newInputStream(path)) {
                KeyStore store = KeyStore.getInstance(type);
                store.load(in, passwordChars());
                return store;
            } catch (IOException | GeneralSecurityException e) {
                // the JDK's messages ("keystore password was incorrect") never hold the password
                throw new IllegalArgumentException(
                        path + " cannot be opened as a " + type + " store with "
                                + (password == null ? "no password" : "the password given") + ": " + e.getMessage(),
                        e);
            }
        }

        private char[] passwordChars() {
            return password == null ? null : password.toCharArray();
        }

        @Override
        public String toString() {
            return "Store[path=" + path + ", password=" + (password == null ? "none" : Redaction.MASK) + ", type="
                    + type + "]";
        }
    }

    public RedisTls {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(trustStore, "trustStore");
    }

    /** The same, presenting the client certificate in {@code store}. */
    public RedisTls withKeyStore(Store store) {
        return new RedisTls(Optional.of(store), trustStore);
    }

    /** The same, checking the server's certificate against {@code store}. */
    public RedisTls withTrustStore(Store store) {
        return new RedisTls(keyStore, Optional.of(store));
    }

    /** Whether anything is configured ({@link #NONE} is not). */
    public boolean configured() {
        return keyStore.isPresent() || trustStore.isPresent();
    }

    /**
     * The key managers presenting the key store's certificate, {@code null} without a key store.
     *
     * @throws IllegalArgumentException when the store cannot be opened, holds no private key, or its
     *                                  key cannot be read with the store's password
     */
    public KeyManagerFactory keyManagers() {
        if (keyStore.isEmpty()) {
            return null;
        }
        Store store = keyStore.get();
        KeyStore loaded = store.load();
        try {
            if (Collections.list(loaded.aliases()).stream().noneMatch(alias -> isKey(loaded, alias))) {
                throw new IllegalArgumentException(store.path() + " holds no private key (a client certificate"
                        + " needs its key: e.g. openssl pkcs12 -export -inkey client.key -in client.crt)");
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(loaded, store.passwordChars());
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "the private key in " + store.path() + " cannot be read with the store's password: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * The trust managers checking against the trust store, {@code null} without one.
     *
     * @throws IllegalArgumentException when the store cannot be opened or holds no certificate
     */
    public TrustManagerFactory trustManagers() {
        if (trustStore.isEmpty()) {
            return null;
        }
        Store store = trustStore.get();
        KeyStore loaded = store.load();
        try {
            if (Collections.list(loaded.aliases()).stream().noneMatch(alias -> isCertificate(loaded, alias))) {
                throw new IllegalArgumentException(store.path() + " holds no certificate"
                        + (store.password() == null ? " readable without a password" : ""));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(loaded);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(store.path() + " cannot be used as a trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Sets Lettuce's {@link SslOptions} on {@code builder}: the key store's certificate and the trust
     * store; nothing for {@link #NONE}, which leaves Lettuce's defaults (no client certificate, the
     * JVM's trust store). Lettuce still applies the URL's {@code verifyPeer} on top (NONE trusts any).
     *
     * @throws IllegalArgumentException when a store cannot be used (see {@link #keyManagers}, {@link #trustManagers})
     */
    public <B extends ClientOptions.Builder> B applyTo(B builder) {
        if (!configured()) {
            return builder;
        }
        SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
        KeyManagerFactory keys = keyManagers();
        if (keys != null) {
            ssl.keyManager(keys);
        }
        TrustManagerFactory trust = trustManagers();
        if (trust != null) {
            ssl.trustManager(trust);
        }
        builder.sslOptions(ssl.build());
        return builder;
    }

    /**
     * One {@link SSLContext} for this project's own sockets, as Lettuce sets up its connections: the
     * key store's certificate, and trust by {@code verify} ({@code NONE}: any certificate; otherwise
     * the trust store, or the JVM's default one). The host name check of {@code FULL} is the socket's
     * to switch on. For {@link #NONE} and a verifying URL, the JVM's default context, as before.
     *
     * @throws IllegalArgumentException when a store cannot be used
     */
    public SSLContext sslContext(SslVerifyMode verify) {
        try {
            if (!configured() && verify != SslVerifyMode.NONE) {
                return SSLContext.getDefault();
            }
            KeyManagerFactory keys = keyManagers();
            TrustManagerFactory trust = trustManagers();
            KeyManager[] keyManagers = keys == null ? null : keys.getKeyManagers();
            TrustManager[] trustManagers;
            if (verify == SslVerifyMode.NONE) {
                trustManagers = new TrustManager[] {TRUST_ANY};
            } else {
                // null: the JVM's default trust managers
                trustManagers = trust == null ? null : trust.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS support in this JVM: " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean isCertificate(KeyStore store, String alias) {
        try {
            return store.isCertificateEntry(alias) || store.getCertificate(alias) != null;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** For {@code verifyPeer=NONE} URLs only, which ask for no check, as Lettuce then does. */
    private static final X509TrustManager TRUST_ANY = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // trusted: the URL turned verification off
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusted: the URL turned verification off
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
