package dev.nautilus.bus;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A seeded fuzz loop for JUnit tests: a check run on a committed corpus, then on generated inputs
 * until a number of tries or a time budget is spent, whichever comes first, so that a fuzz target
 * costs a known time inside the test suite. A failure names the target, the try and the seed that
 * reproduces it ({@code -Dnautilus.fuzz.seed=…}); each input is generated from the seed and its
 * try's number alone. The seed is new for every run unless given, so that runs explore different
 * inputs; {@code -Dnautilus.fuzz.seconds=…} widens or narrows the budget of every target.
 *
 * <p>Why not jqwik or Jazzer: jqwik's engine (1.10) prints that AI agents must not use it, and some
 * of this project's code is written by them; Jazzer needs a native agent. A failure found here
 * becomes a named unit test of its own.
 */
public final class Fuzzer {

    private static final long SEED = Long.getLong("nautilus.fuzz.seed", System.nanoTime());
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("nautilus.fuzz.seconds", 12));

    /** A check of one input; anything it throws is a finding. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T input) throws Exception;
    }

    private Fuzzer() {}

    /** Runs the check on every input of the corpus. */
    public static <T> void corpus(String target, List<T> inputs, Check<T> check, Function<T, String> describe) {
        for (int i = 0; i < inputs.size(); i++) {
            T input = inputs.get(i);
            try {
                check.check(input);
            } catch (Throwable e) {
                throw new AssertionError(
                        "fuzz target " + target + " failed on corpus input " + (i + 1) + " (" + describe.apply(input)
                                + "): " + e,
                        e);
            }
        }
    }

    /**
     * Runs the check on generated inputs, at most {@code maxTries} of them and for at most the
     * budget; returns how many were tried.
     */
    public static <T> int generated(
            String target,
            int maxTries,
            Function<SplittableRandom, T> generator,
            Check<T> check,
            Function<T, String> describe) {
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int tries = 0;
        while (tries < maxTries && System.nanoTime() < deadline) {
            T input = generator.apply(new SplittableRandom(SEED ^ (tries * 0x9E3779B97F4A7C15L)));
            try {
                check.check(input);
            } catch (Throwable e) {
                throw new AssertionError(
                        "fuzz target " + target + " failed on try " + tries + " (reproduce with -Dnautilus.fuzz.seed="
                                + SEED + "): " + describe.apply(input) + ": " + e,
                        e);
            }
            tries++;
        }
        System.out.printf(
                "fuzz target %s: %d tries in %.1f s, seed %d%n",
                target, tries, (System.nanoTime() - deadline + BUDGET.toNanos()) / 1e9, SEED);
        return tries;
    }

    /** {@code text} quoted and escaped, cut to a length a failure message can show. */
    public static String describe(String text) {
        return Printable.of(text) + " (" + text.length() + " chars)";
    }
}
