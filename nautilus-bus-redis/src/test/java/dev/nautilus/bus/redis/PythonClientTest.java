package dev.nautilus.bus.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.testkit.RedisServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Python client's own tests ({@code clients/python/tests}, standard-library unittest: envelope,
 * topic patterns, routing, and the client against real Redis) run inside the Maven build, so that
 * {@code ./nautilus test} and CI count them; the two Redis servers are started here.
 */
class PythonClientTest {

    @Test
    void thePythonClientPassesItsOwnTestsAgainstRealRedis() throws Exception {
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start()) {
            PythonClient.Result result = PythonClient.run(
                    Map.of(
                            "NAUTILUS_TEST_MARKETDATA_URL",
                            marketData.url(),
                            "NAUTILUS_TEST_ENGINE_LOGIC_URL",
                            engineLogic.url()),
                    Duration.ofMinutes(5),
                    "-m",
                    "unittest",
                    "discover",
                    "-v",
                    "-s",
                    "tests",
                    "-t",
                    ".");
            assertThat(result.exitCode())
                    .as("python3 -m unittest discover -s clients/python/tests:\n" + result.output())
                    .isZero();
            assertThat(result.output())
                    .as(result.output())
                    .containsPattern("Ran \\d+ tests")
                    .contains("\nOK");
        }
    }
}
