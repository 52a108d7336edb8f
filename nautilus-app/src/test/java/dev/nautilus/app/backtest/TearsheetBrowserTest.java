package dev.nautilus.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.app.dashboard.HeadlessChromium;
import dev.nautilus.app.engines.PipelineSettings;
import dev.nautilus.app.engines.ProgressObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The tearsheet and the sweep page opened from {@code file://} in headless Chromium, offline: the
 * charts are drawn, the tables filled, the sweep table sorts on a click; the pages fetch nothing.
 * Leaves a screenshot of the tearsheet at {@code target/tearsheet.png}.
 */
class TearsheetBrowserTest {

    @TempDir
    Path dir;

    @Test
    void tearsheetAndSweepRenderOfflineInChromium() throws Exception {
        BacktestSource source = BacktestSource.apple();
        PipelineSettings base = PipelineSettings.defaults().withAnalytics(source.analytics());
        BacktestReport report = Backtest.run(source, base.withPeriods(5, 20), ProgressObserver.NONE)
                .report();
        Tearsheet.write(report, dir.resolve("single"));
        List<PipelineSettings> points =
                ParameterGrid.parse("fast=5..10:5,slow=20..30:10", base).points();
        List<BacktestReport> reports = ParameterSweep.run(source, points, 2, ProgressObserver.NONE).results().stream()
                .map(Backtest.Timed::report)
                .toList();
        Path sweep = SweepPage.write(source.name(), reports, dir.resolve("sweep"));

        String html = Files.readString(dir.resolve("single").resolve(Tearsheet.HTML));
        assertThat(html)
                .doesNotContain("http://", "https://")
                .contains("<style>")
                .doesNotContain("<script src", "<link");

        ChromeDriver browser = HeadlessChromium.start(dir.resolve("profile"));
        try {
            browser.get(dir.resolve("single").resolve(Tearsheet.HTML).toUri().toString());
            WebElement equity = browser.findElement(By.id("equity-chart"));
            assertThat(equity.getSize().getWidth()).isGreaterThan(500);
            String drawn = browser.findElement(By.cssSelector("#equity-chart polyline"))
                    .getAttribute("points");
            assertThat(drawn.split(" ")).hasSize(report.equityCurve().size());
            assertThat(browser.findElement(By.cssSelector("#drawdown-chart polyline"))
                            .getAttribute("points"))
                    .isNotBlank();
            assertThat(browser.findElements(By.cssSelector("#trades tr")))
                    .hasSize(report.trades().size() + 1);
            assertThat(browser.findElements(By.cssSelector("#monthly tr"))).hasSize(2); // header, 2013
            assertThat(browser.findElements(By.cssSelector("#monthly tr td")).stream()
                            .filter(td -> !td.getText().isEmpty()))
                    .hasSize(1 + 12 + 1); // the year, twelve months, the year's return
            assertThat(browser.findElement(By.id("figures")).getText())
                    .contains("profit factor")
                    .contains("expectancy")
                    .contains("Sharpe")
                    .contains("Sortino");
            HeadlessChromium.screenshot(browser, Path.of("target", "tearsheet.png"));

            browser.get(sweep.toUri().toString());
            assertThat(browser.findElements(By.cssSelector("#heatmap td.cell"))).hasSize(4);
            WebElement sharpeHeader =
                    browser.findElements(By.cssSelector("#points th")).get(3);
            sharpeHeader.click();
            List<Double> ascending = column(browser, 3);
            assertThat(ascending).isSorted();
            sharpeHeader.click();
            List<Double> descending = column(browser, 3);
            assertThat(descending).containsExactlyElementsOf(ascending.reversed());
        } finally {
            browser.quit();
        }
        assertThat(Path.of("target", "tearsheet.png")).isNotEmptyFile();
    }

    private static List<Double> column(ChromeDriver browser, int index) {
        return browser.findElements(By.cssSelector("#points tbody tr")).stream()
                .map(row -> Double.parseDouble(
                        row.findElements(By.tagName("td")).get(index).getText()))
                .toList();
    }
}
