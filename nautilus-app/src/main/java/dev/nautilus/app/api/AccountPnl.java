package dev.nautilus.app.api;

import dev.nautilus.engines.portfolio.PortfolioUpdate;
import java.math.BigDecimal;

/** An account's cash, equity and P&amp;L, from its newest {@code PORTFOLIO_UPDATE}; amounts as the portfolio engine computed them. */
public record AccountPnl(
        String account,
        long timestampMicros,
        BigDecimal cash,
        BigDecimal equity,
        BigDecimal realised,
        BigDecimal unrealised,
        BigDecimal fees,
        long fills,
        long rejections) {

    static AccountPnl of(PortfolioUpdate update) {
        return new AccountPnl(
                update.account(),
                update.timestampMicros(),
                update.cash(),
                update.equity(),
                update.realised(),
                update.unrealised(),
                update.fees(),
                update.fills(),
                update.rejections());
    }
}
