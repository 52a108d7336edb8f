package dev.nautilus.app.api;

import dev.nautilus.engines.portfolio.PortfolioUpdate;
import java.math.BigDecimal;
import java.util.Map;

/** An account's positions and the marks they are valued at, from its newest {@code PORTFOLIO_UPDATE}. */
public record AccountPositions(
        String account, long timestampMicros, Map<String, BigDecimal> positions, Map<String, BigDecimal> marks) {

    static AccountPositions of(PortfolioUpdate update) {
        return new AccountPositions(update.account(), update.timestampMicros(), update.positions(), update.marks());
    }
}
