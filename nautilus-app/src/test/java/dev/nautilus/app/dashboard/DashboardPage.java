package dev.nautilus.app.dashboard;

import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/** Reads the dashboard as its user sees it, in one script call, since the panels are redrawn every second. */
final class DashboardPage {

    private DashboardPage() {}

    /** Every bus card's metrics at one instant: bus key → metric name → text shown. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, String>> busMetrics(JavascriptExecutor browser) {
        return (Map<String, Map<String, String>>) browser.executeScript("""
                const result = {};
                for (const card of document.querySelectorAll('#bus-cards .bus-card')) {
                  const metrics = {};
                  for (const dd of card.querySelectorAll('[data-metric]')) metrics[dd.dataset.metric] = dd.textContent;
                  result[card.dataset.bus] = metrics;
                }
                return result;""");
    }
}
