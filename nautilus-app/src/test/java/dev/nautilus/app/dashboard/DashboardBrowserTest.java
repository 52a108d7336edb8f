package dev.nautilus.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.Platform;
import dev.nautilus.app.config.ConfigLoader;
import dev.nautilus.app.engines.EngineCatalog;
import dev.nautilus.app.engines.ReplaySource;
import dev.nautilus.bus.Message;
import dev.nautilus.bus.MessageType;
import dev.nautilus.bus.Priority;
import dev.nautilus.engines.collateral.MarginCall;
import dev.nautilus.engines.risk.FlashCrashAlert;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard of a running platform replaying the real Bitstamp BTC trades, loaded in headless
 * Chromium: the price chart draws points, the bus panels show numbers, and a flash-crash alert
 * published on the bus reaches the page over the WebSocket engine and is on screen within one
 * second, looking unlike a margin call. Leaves a
 * screenshot at {@code target/dashboard.png}.
 */
class DashboardBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    @TempDir
    static Path dataDir;

    @TempDir
    static Path profile;

    private static Platform platform;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        platform = Platform.start(new ConfigLoader(Map.of("NAUTILUS_DATA_DIR", dataDir.toString())).load());
        Map<String, Integer> ephemeral = new HashMap<>();
        EngineCatalog.PLATFORM.forEach(name -> ephemeral.put(name, 0));
        platform.startEngines(EngineCatalog.PLATFORM, ephemeral, "1");
        platform.startFaces(Map.of(Platform.API, 0, Platform.DASHBOARD, 0));
        // 600x real time: a one-minute bar every 100 ms, and the replay outlasts the test
        platform.startReplay(ReplaySource.bitstamp(0), 600);
        browser = HeadlessChromium.start(profile);
        browser.get("http://127.0.0.1:" + platform.dashboard().orElseThrow().port() + "/?token="
                + platform.http().tokens().admin());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private static WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(20));
        wait.ignoring(org.openqa.selenium.NoSuchElementException.class)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    @Test
    void thePriceChartDrawsTheReplayedTrades() {
        waitUpTo(Duration.ofSeconds(30))
                .until(d -> Integer.parseInt(d.findElement(By.id("price-chart")).getDomAttribute("data-points")) >= 5);
        // uPlot draws on a canvas: count the pixels the price line coloured, independently of the page's own counter
        Long drawn = (Long) browser.executeScript("""
                const canvas = document.querySelector('#price-chart canvas');
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let n = 0;
                for (let i = 0; i < pixels.length; i += 4) {
                  if (pixels[i] === 0x4c && pixels[i + 1] === 0xc2 && pixels[i + 2] === 0xff) n++;
                }
                return n;""");
        assertThat(drawn).as("pixels in the price line's colour").isGreaterThan(50);
        assertThat(browser.findElement(By.id("instrument")).getText()).isEqualTo("BTCUSD");
    }

    @Test
    void theBusPanelsShowNumbers() {
        List<String> buses = List.of("marketdata", "engine_logic");
        Map<String, Map<String, String>> metrics = waitUpTo(Duration.ofSeconds(20))
                .until(d -> {
                    Map<String, Map<String, String>> m = DashboardPage.busMetrics(browser);
                    return buses.stream()
                                    .allMatch(b ->
                                            m.containsKey(b) && number(m.get(b).getOrDefault("published", "")) > 0)
                            ? m
                            : null;
                });
        for (String bus : buses) {
            assertThat(metrics.get(bus).get("acked")).as(bus).matches("[0-9,]+");
            assertThat(metrics.get(bus).get("dead-lettered")).as(bus).isEqualTo("0");
        }
        waitUpTo(Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("engines-summary"))
                        .getText()
                        .equals(EngineCatalog.PLATFORM.size() + "/" + EngineCatalog.PLATFORM.size() + " up"));
    }

    @Test
    void aFlashCrashOnTheBusIsOnScreenWithinOneSecondAndUnlikeAMarginCall() {
        waitUpTo(Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("api-status")).getText().equals("api: ok"));
        // the live path under test is the WebSocket engine's stream, not the page's polling fallback
        waitUpTo(Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("ws-status")).getText().equals("live: connected"));
        FlashCrashAlert crash =
                new FlashCrashAlert("CRASHUSD", 1_385_400_000_000_000L, 800, 1_385_399_900_000_000L, 700, 0.125);
        long published = System.nanoTime();
        platform.bus()
                .publish(Message.builder(MessageType.RISK_METRIC, "risk.alert.flash_crash")
                        .source("risk")
                        .priority(Priority.FLASH_CRASH)
                        .payload(crash)
                        .build());
        WebElement banner = waitUpTo(Duration.ofSeconds(1))
                .until(d -> d.findElements(By.cssSelector("#alert-banner .alert.flash-crash")).stream()
                        .filter(e -> e.isDisplayed() && e.getText().contains("CRASHUSD"))
                        .findFirst()
                        .orElse(null));
        long elapsedMs = (System.nanoTime() - published) / 1_000_000;
        assertThat(elapsedMs).as("ms from publish to visible").isLessThanOrEqualTo(1_000);
        assertThat(banner.getText()).contains("FLASH CRASH", "12.5% drop to 700.00");

        platform.bus()
                .publish(Message.builder(MessageType.COLLATERAL_UPDATE, "margin.alert.paper")
                        .source("collateral")
                        .priority(Priority.URGENT)
                        .payload(new MarginCall(
                                1_385_400_000_000_000L,
                                new BigDecimal("900"),
                                new BigDecimal("1000"),
                                new BigDecimal("1500"),
                                new BigDecimal("600")))
                        .build());
        WebElement margin = waitUpTo(Duration.ofSeconds(2))
                .until(d -> d.findElements(By.cssSelector("#alert-banner .alert.margin-call")).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .orElse(null));
        assertThat(margin.getText()).contains("MARGIN CALL");
        assertThat(margin.getCssValue("background-color")).isNotEqualTo(banner.getCssValue("background-color"));
        HeadlessChromium.screenshot(browser, SCREENSHOT);
        System.out.printf(
                "flash-crash alert visible %d ms after publish; screenshot %s%n",
                elapsedMs, SCREENSHOT.toAbsolutePath());
    }

    private static long number(String text) {
        String digits = text.replace(",", "").strip();
        return digits.matches("[0-9]+") ? Long.parseLong(digits) : -1;
    }
}
