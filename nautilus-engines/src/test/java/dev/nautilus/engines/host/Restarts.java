package dev.nautilus.engines.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nautilus.bus.Message;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Checks a {@link StatefulEngine} against itself: stopped and restored anywhere, it ends as if never stopped. */
public final class Restarts {

    private Restarts() {}

    /**
     * Runs {@code inputs} through one engine without a stop, and through a saved-and-restored pair
     * for each cut; asserts the same final state and the same {@code result}.
     *
     * @return the engine that never stopped
     */
    public static <E extends StatefulEngine> E assertRestoredAnywhereEndsTheSame(
            Supplier<E> fresh, EngineContext context, List<Message> inputs, List<Integer> cuts, Function<E, ?> result) {
        E uninterrupted = fresh.get();
        uninterrupted.onStart(context);
        inputs.forEach(uninterrupted::onMessage);
        for (int cut : cuts) {
            E first = fresh.get();
            first.onStart(context);
            inputs.subList(0, cut).forEach(first::onMessage);
            E restarted = fresh.get();
            restarted.restoreState(first.saveState());
            restarted.onStart(context);
            inputs.subList(cut, inputs.size()).forEach(restarted::onMessage);
            assertThat(restarted.saveState())
                    .as("state after a restart at %d", cut)
                    .isEqualTo(uninterrupted.saveState());
            assertThat(result.apply(restarted))
                    .as("result after a restart at %d", cut)
                    .isEqualTo(result.apply(uninterrupted));
        }
        return uninterrupted;
    }
}
