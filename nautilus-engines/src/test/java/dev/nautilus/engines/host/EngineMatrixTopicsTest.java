package dev.nautilus.engines.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.TopicPattern;
import dev.nautilus.engines.topics.AnalyticsTopics;
import dev.nautilus.engines.topics.BacktestTopics;
import dev.nautilus.engines.topics.CollateralTopics;
import dev.nautilus.engines.topics.FactorTopics;
import dev.nautilus.engines.topics.FeatureTopics;
import dev.nautilus.engines.topics.MarketDataTopics;
import dev.nautilus.engines.topics.MlTopics;
import dev.nautilus.engines.topics.PortfolioTopics;
import dev.nautilus.engines.topics.RiskTopics;
import dev.nautilus.engines.topics.StrategyTopics;
import dev.nautilus.engines.topics.TopicFamily;
import dev.nautilus.engines.topics.VpinTopics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The switchboards and the engine matrix agree: what an engine publishes is inside the publications
 * the matrix declares for it, and every subscription in the matrix reads something that is published.
 */
class EngineMatrixTopicsTest {

    /** Who publishes each family. */
    private static final Map<TopicFamily, String> PUBLISHER = Map.ofEntries(
            Map.entry(MarketDataTopics.TRADES, EngineMatrix.MARKETDATA),
            Map.entry(MarketDataTopics.BARS, EngineMatrix.MARKETDATA),
            Map.entry(MarketDataTopics.INSTRUMENTS, EngineMatrix.MARKETDATA),
            Map.entry(MarketDataTopics.PRICES, EngineMatrix.MARKETDATA),
            Map.entry(FeatureTopics.CALCULATIONS, EngineMatrix.FEATURES),
            Map.entry(VpinTopics.CALCULATIONS, EngineMatrix.VPIN),
            Map.entry(VpinTopics.TOXICITY_ALERTS, EngineMatrix.VPIN),
            Map.entry(VpinTopics.ENHANCED_CALCULATIONS, EngineMatrix.ENHANCED_VPIN),
            Map.entry(VpinTopics.ENHANCED_TOXICITY_ALERTS, EngineMatrix.ENHANCED_VPIN),
            Map.entry(StrategyTopics.SIGNALS, EngineMatrix.STRATEGY),
            Map.entry(PortfolioTopics.UPDATES, EngineMatrix.PORTFOLIO),
            Map.entry(PortfolioTopics.POSITION_CHANGES, EngineMatrix.PORTFOLIO),
            Map.entry(RiskTopics.ALERTS, EngineMatrix.RISK),
            Map.entry(RiskTopics.METRICS, EngineMatrix.RISK),
            Map.entry(CollateralTopics.MARGINS, EngineMatrix.COLLATERAL),
            Map.entry(CollateralTopics.MARGIN_ALERTS, EngineMatrix.COLLATERAL),
            Map.entry(FactorTopics.CALCULATIONS, EngineMatrix.FACTOR),
            Map.entry(FactorTopics.TORANIKO_RETURNS, EngineMatrix.TORANIKO),
            Map.entry(FactorTopics.TORANIKO_MODELS, EngineMatrix.TORANIKO),
            Map.entry(MlTopics.PREDICTIONS, EngineMatrix.ML),
            Map.entry(AnalyticsTopics.PERIODS, EngineMatrix.ANALYTICS),
            Map.entry(AnalyticsTopics.SUMMARIES, EngineMatrix.ANALYTICS));

    /** Requests other processes publish, and the engine that answers them. */
    private static final Map<TopicFamily, String> ANSWERER = Map.of(
            MarketDataTopics.SNAPSHOT_REQUESTS, EngineMatrix.MARKETDATA,
            BacktestTopics.REQUESTS, EngineMatrix.BACKTESTING);

    @Test
    void everyFamilyOfEverySwitchboardHasAPublisherOrAnAnswerer() throws Exception {
        List<TopicFamily> declared = families();
        assertThat(declared).hasSizeGreaterThanOrEqualTo(PUBLISHER.size() + ANSWERER.size());
        for (TopicFamily family : declared) {
            assertThat(PUBLISHER.containsKey(family) || ANSWERER.containsKey(family))
                    .as("who publishes %s", family.pattern())
                    .isTrue();
        }
    }

    @Test
    void everyPublishedTopicIsInsideItsPublishersDeclaredPublications() {
        PUBLISHER.forEach((family, engine) -> assertThat(
                        anyMatches(EngineMatrix.of(engine).publications(), sample(family)))
                .as("%s declares %s", engine, sample(family))
                .isTrue());
    }

    @Test
    void everyRequestReachesTheEngineThatAnswersIt() {
        ANSWERER.forEach((family, engine) -> assertThat(
                        anyMatches(EngineMatrix.of(engine).subscriptions(), sample(family)))
                .as("%s reads %s", engine, sample(family))
                .isTrue());
    }

    @Test
    void everySubscriptionInTheMatrixReadsSomethingThatIsPublished() throws Exception {
        List<String> topics =
                families().stream().map(EngineMatrixTopicsTest::sample).toList();
        for (EngineWiring row : EngineMatrix.all()) {
            for (String pattern : row.subscriptions()) {
                TopicPattern compiled = TopicPattern.compile(pattern);
                assertThat(topics)
                        .as("%s subscribes to %s", row.name(), pattern)
                        .anyMatch(compiled::matches);
            }
        }
    }

    @Test
    void everyPatternAndTopicConstantOfTheSwitchboardsMeetsAFamily() throws Exception {
        List<TopicFamily> families = families();
        List<String> topics =
                families.stream().map(EngineMatrixTopicsTest::sample).toList();
        for (Class<?> board : switchboards()) {
            for (Field field : board.getFields()) {
                if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                    continue;
                }
                String value = (String) field.get(null);
                if (value.contains("*")) {
                    assertThat(topics)
                            .as("%s.%s = %s", board.getSimpleName(), field.getName(), value)
                            .anyMatch(TopicPattern.compile(value)::matches);
                } else {
                    assertThat(families)
                            .as("%s.%s = %s", board.getSimpleName(), field.getName(), value)
                            .anyMatch(f -> f.matches(value));
                }
            }
        }
    }

    @Test
    void theBuildersSpellTheTopicsTheEnginesHaveAlwaysUsed() {
        assertThat(MarketDataTopics.trade("BTCUSD")).isEqualTo("market_data.trade.BTCUSD");
        assertThat(MarketDataTopics.bar("BTCUSD")).isEqualTo("market_data.bar.BTCUSD");
        assertThat(MarketDataTopics.price("BTCUSD")).isEqualTo("price.update.BTCUSD");
        assertThat(StrategyTopics.signal("vpin_ma_cross", "BTCUSD")).isEqualTo("strategy.signal.vpin_ma_cross.BTCUSD");
        assertThat(VpinTopics.enhancedCalculation("BTCUSD")).isEqualTo("vpin.calculation.enhanced.BTCUSD");
        assertThat(VpinTopics.isPlainCalculation("vpin.calculation.enhanced.BTCUSD"))
                .isFalse();
        assertThat(VpinTopics.isPlainCalculation("vpin.calculation.BTCUSD")).isTrue();
        assertThat(RiskTopics.FLASH_CRASH_ALERT).isEqualTo("risk.alert.flash_crash");
        assertThat(RiskTopics.ALERTS.key(RiskTopics.DRAWDOWN_ALERT)).isEqualTo("drawdown");
        assertThat(FactorTopics.toranikoReturn("us")).isEqualTo("factor.return.toraniko.us");
    }

    private static String sample(TopicFamily family) {
        return family.topic("X");
    }

    private static boolean anyMatches(List<String> patterns, String topic) {
        return patterns.stream().anyMatch(p -> TopicPattern.compile(p).matches(topic));
    }

    /** Every public static TopicFamily of every switchboard. */
    private static List<TopicFamily> families() throws Exception {
        List<TopicFamily> families = new ArrayList<>();
        for (Class<?> board : switchboards()) {
            for (Field field : board.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == TopicFamily.class) {
                    families.add((TopicFamily) field.get(null));
                }
            }
        }
        return families;
    }

    /** The {@code *Topics} classes beside {@link TopicFamily}, found on disk so a new switchboard is not forgotten. */
    private static List<Class<?>> switchboards() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(TopicFamily.class.getResource("TopicFamily.class").toURI())
                .getParent();
        List<Class<?>> boards = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Topics.class"))
                    .sorted()
                    .toList()) {
                String name = file.getFileName().toString();
                boards.add(Class.forName(TopicFamily.class.getPackageName() + "."
                        + name.substring(0, name.length() - ".class".length())));
            }
        }
        assertThat(boards).hasSizeGreaterThanOrEqualTo(11);
        return boards;
    }
}
