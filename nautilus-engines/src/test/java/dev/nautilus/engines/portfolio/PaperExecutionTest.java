package dev.nautilus.engines.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nautilus.engines.strategy.Signal;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PaperExecutionTest {

    private static Signal target(String qty, long ts) {
        return new Signal("A", "test", new BigDecimal(qty), "because", ts);
    }

    @Test
    void handWorkedBuyThenFlipWithFeesAndSlippage() {
        Portfolio pf = new Portfolio(new BigDecimal("10000"));
        PaperExecutor ex = new PaperExecutor(new FeeModel(10), new SlippageModel(5, 0));

        Fill buy = ex.execute(target("2", 1), 100, pf).orElseThrow();
        // price 100·(1 + 5/10⁴) = 100.05; notional 200.10; fee 200.10·10/10⁴ = 0.2001
        assertThat(buy.price()).isEqualByComparingTo("100.05");
        assertThat(buy.fee()).isEqualByComparingTo("0.2001");
        assertThat(buy.slippageCost()).isEqualByComparingTo("0.10");
        // cash 10000 - 200.10 - 0.2001 = 9799.6999; marked at 100: equity 9799.6999 + 200 = 9999.6999
        assertThat(pf.cash()).isEqualByComparingTo("9799.6999");
        assertThat(pf.equity()).isEqualByComparingTo("9999.6999");
        assertThat(pf.unrealised()).isEqualByComparingTo("-0.10");

        Fill sell = ex.execute(target("-1", 2), 110, pf).orElseThrow();
        // Δ = -3 at 110·(1 - 5/10⁴) = 109.945; notional 329.835; fee 0.329835
        assertThat(sell.quantity()).isEqualByComparingTo("-3");
        assertThat(sell.price()).isEqualByComparingTo("109.945");
        assertThat(sell.fee()).isEqualByComparingTo("0.329835");
        // closing 2: realised 2·109.945 - 200.10 = 19.79; short 1 opened at 109.945
        assertThat(pf.realised()).isEqualByComparingTo("19.79");
        assertThat(pf.position("A").quantity()).isEqualByComparingTo("-1");
        assertThat(pf.position("A").averageCost()).isEqualByComparingTo("109.945");
        // cash 9799.6999 + 329.835 - 0.329835 = 10129.205065; equity at 110: 10129.205065 - 110
        assertThat(pf.cash()).isEqualByComparingTo("10129.205065");
        assertThat(pf.equity()).isEqualByComparingTo("10019.205065");
        // identity: 10000 + 19.79 + (-110 + 109.945) - (0.2001 + 0.329835) = 10019.205065
        assertThat(pf.initialCash().add(pf.realised()).add(pf.unrealised()).subtract(pf.fees()))
                .isEqualByComparingTo(pf.equity());
        assertThat(pf.fillCount()).isEqualTo(2);

        assertThat(ex.execute(target("-1", 3), 120, pf)).isEmpty(); // already there
        pf.mark("A", 100);
        assertThat(pf.unrealised()).isEqualByComparingTo("9.945"); // -100 + 109.945
        assertThat(pf.snapshot(4).positions())
                .singleElement()
                .extracting(Position::instrument)
                .isEqualTo("A");
    }

    @Test
    void slippageGrowsWithSize() {
        SlippageModel m = new SlippageModel(5, 10);
        // 1,000 × 1,000 = 1e6 notional → 5 + 10·1 = 15 bps
        assertThat(m.bps(new BigDecimal("1000"), new BigDecimal("1000"))).isCloseTo(15, within(1e-12));
        assertThat(m.fillPrice(new BigDecimal("-1000"), new BigDecimal("1000"))).isEqualByComparingTo("998.5");
        assertThat(SlippageModel.none().fillPrice(BigDecimal.ONE, new BigDecimal("7.5")))
                .isEqualByComparingTo("7.5");
        assertThatThrownBy(() -> new SlippageModel(-1, 0)).hasMessageContaining("fixedBps");
        assertThatThrownBy(() -> new FeeModel(Double.NaN)).hasMessageContaining("bps");
    }

    @Test
    void rejectsBadMarketPrices() {
        Portfolio pf = new Portfolio(BigDecimal.TEN);
        PaperExecutor ex = new PaperExecutor(new FeeModel(0), SlippageModel.none());
        assertThatThrownBy(() -> ex.execute(target("1", 1), Double.NaN, pf)).hasMessageContaining("marketPrice");
        assertThatThrownBy(() -> ex.execute(target("1", 1), -1, pf)).hasMessageContaining("marketPrice");
        assertThatThrownBy(() -> new Portfolio(new BigDecimal("-1"))).hasMessageContaining("initialCash");
    }

    @Test
    void accountingIdentityHoldsExactlyOverRandomTrading() {
        Random rnd = new Random(11);
        Portfolio pf = new Portfolio(new BigDecimal("1000000"));
        PaperExecutor ex = new PaperExecutor(new FeeModel(7.5), new SlippageModel(2, 3));
        String[] instruments = {"A", "B", "C"};
        double[] prices = {100, 20, 3000};
        for (int i = 0; i < 2_000; i++) {
            int k = rnd.nextInt(3);
            prices[k] *= Math.exp(0.01 * rnd.nextGaussian());
            double price = Math.round(prices[k] * 100) / 100.0;
            pf.mark(instruments[k], price);
            if (rnd.nextInt(4) == 0) {
                BigDecimal qty = BigDecimal.valueOf(rnd.nextInt(201) - 100, 1 + rnd.nextInt(3)); // e.g. -7.3, 0.45
                ex.execute(new Signal(instruments[k], "random", qty, "test", i), price, pf);
            }
            BigDecimal identity =
                    pf.initialCash().add(pf.realised()).add(pf.unrealised()).subtract(pf.fees());
            assertThat(pf.equity()).as("step %d", i).isEqualByComparingTo(identity);
        }
        assertThat(pf.fillCount()).isGreaterThan(300);
    }
}
