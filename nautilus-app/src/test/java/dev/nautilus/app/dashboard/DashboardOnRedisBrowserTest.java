package dev.nautilus.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard of a platform on real Redis buses (and a watched main Redis), in headless Chromium:
 * each Redis gets a panel with the monitor's CPU, clients, failed calls, lag and partitions. Leaves a screenshot
 * at {@code target/dashboard-redis.png}.
 */
class DashboardOnRedisBrowserTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path profile;

    @Test
    void eachRedisShowsCpuClientsFailedCallsAndLag() throws Exception {
        try (RedisServer marketData = RedisServer.start();
                RedisServer engineLogic = RedisServer.start();
                RedisServer main = RedisServer.start();
                Platform platform = Platform.start(new ConfigLoader(Map.of(
                                "NAUTILUS_MARKETDATA_BUS_URL", marketData.url(),
                                "NAUTILUS_ENGINE_LOGIC_BUS_URL", engineLogic.url(),
                                "NAUTILUS_MAIN_REDIS_URL", main.url(),
                                "NAUTILUS_BUS_PARTITIONS", "market_data=4",
                                "NAUTILUS_DATA_DIR", dataDir.toString()))
                        .load())) {
            Map<String, Integer> ephemeral = new HashMap<>();
            EngineCatalog.PLATFORM.forEach(name -> ephemeral.put(name, 0));
            platform.startEngines(EngineCatalog.PLATFORM, ephemeral, "1");
            platform.startFaces(Map.of(Platform.API, 0, Platform.DASHBOARD, 0));
            platform.startReplay(ReplaySource.bitstamp(0), 600);
            ChromeDriver browser = HeadlessChromium.start(profile);
            try {
                browser.get(
                        "http://127.0.0.1:" + platform.dashboard().orElseThrow().port() + "/?token="
                                + platform.http().tokens().admin());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(50));
                wait.ignoring(org.openqa.selenium.NoSuchElementException.class)
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
                // CPU needs two INFO readings a moment apart, so it shows "measuring" first, then a number;
                // the panels are redrawn every second, so each check reads one whole snapshot of them
                List<String> buses = List.of("marketdata", "engine_logic", "main");
                Map<String, Map<String, String>> metrics = wait.until(d -> {
                    Map<String, Map<String, String>> m = DashboardPage.busMetrics(browser);
                    return buses.stream()
                                    .allMatch(b -> m.containsKey(b)
                                            && m.get(b).getOrDefault("cpu", "").matches("[0-9.,]+"))
                            ? m
                            : null;
                });
                for (String bus : buses) {
                    Map<String, String> panel = metrics.get(bus);
                    assertThat(panel.get("failed-calls")).as(bus).isEqualTo("0");
                    assertThat(panel.get("lag")).as(bus).matches("[0-9,]+");
                    assertThat(Long.parseLong(panel.get("clients").replace(",", "")))
                            .as(bus)
                            .isPositive();
                }
                assertThat(metrics.get("marketdata").get("clients-by-engine")).contains("platform");
                // market_data is split into 4 partitions: each consuming engine's group holds them all
                String partitions = wait.until(d -> {
                    String shown = DashboardPage.busMetrics(browser)
                            .getOrDefault("marketdata", Map.of())
                            .getOrDefault("partitions", "");
                    return shown.contains(": 4 partitions (") ? shown : null;
                });
                assertThat(partitions).contains("epoch ", "rebalances ", "lag ");
                wait.until(d ->
                        Integer.parseInt(d.findElement(By.id("price-chart")).getDomAttribute("data-points")) >= 5);
                wait.until(d -> d.findElement(By.id("ws-status")).getText().equals("live: connected"));
                HeadlessChromium.screenshot(browser, Path.of("target", "dashboard-redis.png"));
            } finally {
                browser.quit();
            }
        }
    }
}
