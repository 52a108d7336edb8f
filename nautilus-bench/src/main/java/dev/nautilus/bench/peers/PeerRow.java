package dev.nautilus.bench.peers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured row: how many messages a peer delivered (published, read by its group, handled,
 * acknowledged), in how long, and what it cost Redis and the client, or why it could not be
 * measured ({@link #unavailable}). Client bytes are {@code null} for a client outside this JVM.
 */
public record PeerRow(
        String name,
        long messages,
        double seconds,
        double redisMicrosPerMessage,
        double clientMicrosPerMessage,
        Double clientBytesPerMessage,
        String redisCommands,
        String note) {

    public static PeerRow unavailable(String name, String why) {
        return new PeerRow(name, 0, 0, 0, 0, null, "", why);
    }

    public boolean measured() {
        return messages > 0 && seconds > 0;
    }

    public double messagesPerSecond() {
        return measured() ? messages / seconds : 0;
    }

    /** The row as written to {@code peers.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("measured", measured());
        if (measured()) {
            json.put("messages", messages);
            json.put("seconds", seconds);
            json.put("messages_per_second", messagesPerSecond());
            json.put("redis_cpu_us_per_message", redisMicrosPerMessage);
            json.put("client_cpu_us_per_message", clientMicrosPerMessage);
            json.put("client_bytes_allocated_per_message", clientBytesPerMessage);
            json.put("redis_commands_per_message", redisCommands);
        }
        if (note != null) {
            json.put("note", note);
        }
        return json;
    }
}
