package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.SslVerifyMode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores of a {@link RedisTls}: read at once, with failures that name the file and never the password. */
class RedisTlsStoreTest {

    @TempDir
    static Path dir;

    static RedisTlsTest.Pki pki;

    @BeforeAll
    static void certificates() throws Exception {
        pki = RedisTlsTest.Pki.create(dir);
    }

    @Test
    void bothStoresMakeKeyManagersTrustManagersAndAContext() {
        RedisTls tls = RedisTls.NONE
                .withKeyStore(RedisTls.Store.pkcs12(pki.clientKeyStore(), RedisTlsTest.KEY_STORE_PASSWORD))
                .withTrustStore(RedisTls.Store.pkcs12(pki.trustStore(), RedisTlsTest.TRUST_STORE_PASSWORD));
        assertThat(tls.configured()).isTrue();
        assertThat(tls.keyManagers().getKeyManagers()).isNotEmpty();
        assertThat(tls.trustManagers().getTrustManagers()).isNotEmpty();
        assertThat(tls.sslContext(SslVerifyMode.FULL).getProtocol()).isEqualTo("TLS");
        assertThat(tls.sslContext(SslVerifyMode.NONE).getProtocol()).isEqualTo("TLS");
        assertThat(RedisTls.NONE.configured()).isFalse();
        assertThat(RedisTls.NONE.keyManagers()).isNull();
    }

    @Test
    void passwordsAreNeverPrinted() {
        RedisTls tls = RedisTls.NONE
                .withKeyStore(RedisTls.Store.pkcs12(pki.clientKeyStore(), RedisTlsTest.KEY_STORE_PASSWORD))
                .withTrustStore(RedisTls.Store.pkcs12(pki.trustStore(), RedisTlsTest.TRUST_STORE_PASSWORD));
        RedisBusConfig config =
                RedisBusConfig.defaults("rediss://127.0.0.1:6380", "platform").withTls(tls);
        assertThat(config.toString())
                .contains(pki.clientKeyStore().toString())
                .contains("password=***")
                .doesNotContain("nautilus-test-secret");
    }

    @Test
    void aWrongPasswordNamesTheFileNotThePassword() {
        RedisTls tls =
                RedisTls.NONE.withKeyStore(RedisTls.Store.pkcs12(pki.clientKeyStore(), "wrong-nautilus-test-secret"));
        assertThatThrownBy(tls::keyManagers)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pki.clientKeyStore().toString())
                .hasMessageContaining("password")
                .hasMessageNotContaining("nautilus-test-secret");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> RedisTls.NONE
                        .withTrustStore(RedisTls.Store.pkcs12(missing, null))
                        .trustManagers())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing + " does not exist");
    }

    @Test
    void aKeyStoreWithoutAPrivateKeyIsRefused() {
        RedisTls tls =
                RedisTls.NONE.withKeyStore(RedisTls.Store.pkcs12(pki.trustStore(), RedisTlsTest.TRUST_STORE_PASSWORD));
        assertThatThrownBy(tls::keyManagers).hasMessageContaining("holds no private key");
    }
}
