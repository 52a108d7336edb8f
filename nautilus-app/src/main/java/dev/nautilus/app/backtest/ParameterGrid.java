package dev.nautilus.app.backtest;

import dev.nautilus.app.engines.PipelineSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parameter sweep's grid, from text like {@code fast=5..20:5,slow=20..60:10} ({@code name=from..to:step},
 * or {@code name=value}; names {@code fast} and {@code slow}). Points are in grid order (fast outer,
 * slow inner); combinations with {@code fast >= slow} are left out and counted.
 *
 * @param points  valid combinations, in grid order
 * @param skipped combinations left out because fast >= slow
 */
public record ParameterGrid(List<PipelineSettings> points, int skipped) {

    public ParameterGrid {
        points = List.copyOf(points);
    }

    /**
     * Parses a grid over {@code base}'s other settings.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static ParameterGrid parse(String text, PipelineSettings base) {
        Map<String, List<Integer>> axes = new LinkedHashMap<>();
        axes.put("fast", List.of(base.fastPeriod()));
        axes.put("slow", List.of(base.slowPeriod()));
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2 || !axes.containsKey(kv[0].trim())) {
                throw new IllegalArgumentException("sweep axis '" + part.trim()
                        + "' must be fast=FROM..TO:STEP or slow=FROM..TO:STEP" + " (or NAME=VALUE)");
            }
            axes.put(kv[0].trim(), values(kv[0].trim(), kv[1].trim()));
        }
        List<PipelineSettings> points = new ArrayList<>();
        int skipped = 0;
        for (int fast : axes.get("fast")) {
            for (int slow : axes.get("slow")) {
                if (fast < 2 || fast >= slow) {
                    skipped++;
                } else {
                    points.add(base.withPeriods(fast, slow));
                }
            }
        }
        if (points.isEmpty()) {
            throw new IllegalArgumentException("sweep '" + text + "' has no point with 2 <= fast < slow");
        }
        return new ParameterGrid(points, skipped);
    }

    private static List<Integer> values(String name, String range) {
        try {
            if (!range.contains("..")) {
                return List.of(Integer.parseInt(range));
            }
            String[] fromTo = range.split("\\.\\.", 2);
            String[] toStep = fromTo[1].split(":", 2);
            int from = Integer.parseInt(fromTo[0].trim());
            int to = Integer.parseInt(toStep[0].trim());
            int step = toStep.length == 2 ? Integer.parseInt(toStep[1].trim()) : 1;
            if (step <= 0 || to < from) {
                throw new IllegalArgumentException(
                        "sweep axis " + name + "=" + range + ": need FROM <= TO and STEP > 0");
            }
            List<Integer> values = new ArrayList<>();
            for (int v = from; v <= to; v += step) {
                values.add(v);
            }
            return values;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "sweep axis " + name + "=" + range + " is not FROM..TO:STEP of integers", e);
        }
    }
}
