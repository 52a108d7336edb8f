package dev.nautilus.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.config.RedisUrl;
import dev.nautilus.bus.Bus;
import dev.nautilus.bus.RoutingTable;
import dev.nautilus.engines.host.EngineMatrix;
import dev.nautilus.engines.host.EngineWiring;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ACL's users and rules as text: exact keys per engine, the cluster form, the prefix, no secret in the file. */
class RedisAclTest {

    private static final BusAclSecret SECRET = BusAclSecret.of("nautilus-test-secret-bus-acl-unit");

    private static final RedisAcl SINGLE = new RedisAcl(RoutingTable.defaults(), Set.of());

    @Test
    void theFeaturesEngineWritesOnlyItsOwnStreamsAndReadsOnlyMarketData() {
        String rules = SINGLE.user("nautilus-features").rules();
        assertThat(rules)
                .isEqualTo("resetchannels -@all +ping +client|setname +select +info"
                        + " (~nautilus:marketdata:market_data ~nautilus:marketdata:market_data:flash_crash"
                        + " ~nautilus:marketdata:market_data:urgent ~nautilus:marketdata:market_data:high"
                        + " ~nautilus:marketdata:market_data:low ~nautilus:marketdata:replay:features"
                        + " +exists +xinfo|groups +xgroup|create +xreadgroup +xack +xautoclaim +xpending)"
                        + " (~nautilus:marketdata:groups:features +hset +hgetall)"
                        + " (~nautilus:engine_logic:feature_calculation ~nautilus:engine_logic:feature_calculation:flash_crash"
                        + " ~nautilus:engine_logic:feature_calculation:urgent ~nautilus:engine_logic:feature_calculation:high"
                        + " ~nautilus:engine_logic:feature_calculation:low ~nautilus:marketdata:dead +xadd)");
        assertThat(rules).doesNotContain("risk_metric").doesNotContain("*");
    }

    @Test
    void onAClusterTheTypeIsAHashTagAndThePrefixIsTheConfiguredOne() {
        RedisAcl acl = new RedisAcl(RoutingTable.withPrefix("desk1"), Set.of(Bus.ENGINE_LOGIC));
        String rules = acl.user("nautilus-risk").rules();
        assertThat(rules)
                .startsWith(
                        "resetchannels -@all +ping +client|setname +select +info +cluster|nodes +cluster|myid +asking ")
                .contains(
                        "(~desk1:engine_logic:{risk_metric} ",
                        " ~desk1:engine_logic:{risk_metric}:flash_crash ",
                        " ~desk1:engine_logic:{portfolio_update}:low ",
                        " ~desk1:engine_logic:dead ",
                        "~desk1:engine_logic:replay:risk ~desk1:engine_logic:replay:risk:* ",
                        "(~desk1:engine_logic:groups:risk ~desk1:engine_logic:groups:risk:* +hset +hgetall)")
                .doesNotContain("nautilus:")
                .doesNotContain("~desk1:engine_logic:risk_metric");
        // the MarketData bus is a single Redis here: its keys keep the plain form
        assertThat(acl.user("nautilus-features").rules()).contains("(~desk1:marketdata:market_data ");
    }

    @Test
    void theMonitorReadsOnlyAndTheApiReadsDeadLettersAndWritesEveryType() {
        String monitor = SINGLE.user(BusUsers.MONITOR).rules();
        assertThat(monitor)
                .isEqualTo("resetchannels -@all +ping +client|setname +select +info +client|list +scan +xlen "
                        + "+xinfo|groups +xinfo|stream %R~nautilus:*");
        String api = SINGLE.user(BusUsers.API).rules();
        assertThat(api)
                .contains(
                        "~nautilus:engine_logic:risk_metric:urgent",
                        "+xrevrange",
                        "(~nautilus:marketdata:dead ~nautilus:engine_logic:dead +xrevrange)",
                        "(~nautilus:marketdata:dead:replayed ~nautilus:engine_logic:dead:replayed +sadd +srem +smismember)",
                        "(~nautilus:marketdata:replay:* ~nautilus:engine_logic:replay:* +xadd)");
        assertThat(SINGLE.user(BusUsers.PLATFORM).rules()).isEqualTo(api);
    }

    @Test
    void everyEngineHasAUserAndARowOfPublishedTypes() {
        for (EngineWiring engine : EngineMatrix.all()) {
            assertThat(SINGLE.user(BusUsers.engineUser(engine.name())).name()).isEqualTo("nautilus-" + engine.name());
            assertThat(BusUsers.published(engine.name())).isNotNull();
        }
        assertThat(SINGLE.users()).hasSize(EngineMatrix.all().size() + 3);
        assertThatThrownBy(() -> BusUsers.published("nonsense")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void processesConnectAsTheirUsers() {
        assertThat(BusUsers.userOf("platform")).isEqualTo("nautilus-platform");
        assertThat(BusUsers.userOf("api")).isEqualTo("nautilus-api");
        assertThat(BusUsers.userOf("replay")).isEqualTo("nautilus-marketdata");
        assertThat(BusUsers.userOf("risk")).isEqualTo("nautilus-risk");
    }

    @Test
    void theFileHoldsHashesOnlyAndTurnsTheDefaultUserOff() {
        String file = SINGLE.file(SECRET);
        String password = SECRET.password("nautilus-features");
        assertThat(password).hasSize(64).matches("[0-9a-f]+");
        assertThat(file)
                .doesNotContain(password)
                .doesNotContain("nautilus-test-secret")
                .contains("user nautilus-features reset on " + BusAclSecret.passwordHash(password) + " resetchannels")
                .endsWith("user default reset\n");
        assertThat(SECRET.password("nautilus-risk")).isNotEqualTo(password);
        assertThat(BusAclSecret.of("nautilus-test-secret-bus-acl-unit").password("nautilus-features"))
                .isEqualTo(password);
        assertThat(SECRET.toString()).doesNotContain("nautilus-test-secret");
        assertThatThrownBy(() -> BusAclSecret.of("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConfiguredSecretPutsTheUserOnBusUrlsThatNameNone() {
        var settings = new ConfigLoader(Map.of(
                        "NAUTILUS_MARKETDATA_BUS_URL",
                        "redis://127.0.0.1:6380",
                        "NAUTILUS_ENGINE_LOGIC_BUS_URL",
                        "rediss://127.0.0.1:6381/2",
                        "NAUTILUS_BUS_ACL_SECRET",
                        "nautilus-test-secret-bus-acl-unit"))
                .load()
                .bus();
        RedisUrl url = settings.credentialed(settings.engineLogicUrl().orElseThrow(), "nautilus-risk");
        assertThat(url.value())
                .isEqualTo("rediss://nautilus-risk:" + SECRET.password("nautilus-risk") + "@127.0.0.1:6381/2");
        assertThat(url.toString()).doesNotContain(SECRET.password("nautilus-risk"));
        assertThat(settings.toString()).doesNotContain("nautilus-test-secret");
        RedisUrl own = RedisUrl.parse("test", "redis://someone:nautilus-test-secret-own@127.0.0.1:6380");
        assertThat(settings.credentialed(own, "nautilus-risk")).isEqualTo(own);
    }
}
