package dev.nautilus.engines.strategy.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The strategies that can be selected by name: every {@link StrategyProvider} that {@link ServiceLoader}
 * finds on the class path (the built-ins among them) and, optionally, in the jars of a directory.
 *
 * <p>The class loader of a strategy directory is never closed: strategies are created afresh for
 * every run (a sweep creates many), so it must live as long as the registry is used, which in the
 * command line is the process.
 */
public final class StrategyRegistry {

    /** Environment variable naming a strategy directory when {@code --strategy-path} is not given. */
    public static final String PATH_VARIABLE = "NAUTILUS_STRATEGY_PATH";

    private final Map<String, StrategyProvider> providers;

    private StrategyRegistry(Map<String, StrategyProvider> providers) {
        this.providers = Collections.unmodifiableMap(providers);
    }

    /** The providers on this library's class path: the built-ins and any jar the application was started with. */
    public static StrategyRegistry classPath() {
        return load(StrategyRegistry.class.getClassLoader());
    }

    /**
     * The class path's providers and those in {@code location}: a directory of jars (and of classes
     * with their {@code META-INF/services}), or a single jar.
     *
     * @throws IllegalArgumentException when the location does not exist, or two providers share a name
     */
    public static StrategyRegistry withPath(Path location) {
        if (!Files.exists(location)) {
            throw new IllegalArgumentException("strategy path " + location + " does not exist");
        }
        List<URL> urls = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                urls.add(location.toUri().toURL());
                try (Stream<Path> files = Files.list(location)) {
                    for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                            .sorted()
                            .toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            } else {
                urls.add(location.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("strategy path " + location + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the strategy path " + location, e);
        }
        return load(
                new URLClassLoader("strategies", urls.toArray(URL[]::new), StrategyRegistry.class.getClassLoader()));
    }

    /**
     * The providers {@link ServiceLoader} finds through {@code loader}.
     *
     * @throws IllegalArgumentException when two providers share a name, or one cannot be instantiated
     */
    public static StrategyRegistry load(ClassLoader loader) {
        Map<String, StrategyProvider> found = new TreeMap<>();
        try {
            for (StrategyProvider provider : ServiceLoader.load(StrategyProvider.class, loader)) {
                StrategyProvider previous = found.putIfAbsent(provider.name(), provider);
                if (previous != null && previous.getClass() != provider.getClass()) {
                    throw new IllegalArgumentException("two strategies are named '" + provider.name() + "': "
                            + previous.getClass().getName() + " and "
                            + provider.getClass().getName());
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException("cannot load a strategy provider: " + e.getMessage(), e);
        }
        return new StrategyRegistry(found);
    }

    /** The names known, sorted. */
    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    /** Every provider, by name. */
    public Map<String, StrategyProvider> providers() {
        return providers;
    }

    /**
     * The provider of a name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public StrategyProvider find(String name) {
        StrategyProvider provider = providers.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("unknown strategy '" + name + "'; known: " + String.join(", ", names())
                    + " (others load from --strategy-path DIR or " + PATH_VARIABLE + ")");
        }
        return provider;
    }
}
