package dev.nautilus.bus.redis.monitor;

import java.util.List;

/**
 * One stream under the monitored prefix.
 *
 * @param key        the stream key, e.g. {@code nautilus:engine_logic:risk_metric}
 * @param length     entries in the stream ({@code XLEN})
 * @param deadLetter whether this is a dead-letter stream ({@code <prefix>:<bus>:dead})
 * @param groups     its consumer groups, by name
 */
public record StreamInfo(String key, long length, boolean deadLetter, List<GroupInfo> groups) {

    /** Copies the list. */
    public StreamInfo {
        groups = List.copyOf(groups);
    }
}
