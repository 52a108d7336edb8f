package dev.nautilus.app.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nautilus.bus.redis.monitor.CommandStats;
import dev.nautilus.bus.redis.monitor.CpuUsage;
import dev.nautilus.bus.redis.monitor.GroupInfo;
import dev.nautilus.bus.redis.monitor.MonitorSnapshot;
import dev.nautilus.bus.redis.monitor.RedisSnapshot;
import dev.nautilus.bus.redis.monitor.StreamInfo;
import dev.nautilus.bus.redis.partition.PartitionStatus;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The JSON form of a {@link MonitorSnapshot}, written field by field so that its shape is a stable
 * contract for scripts rather than an echo of the Java records. Field names are snake_case like
 * Redis's own; a figure Redis did not report is {@code null}, never 0. URLs never show passwords.
 */
public final class SnapshotJson {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SnapshotJson() {}

    /** The snapshot as pretty-printed JSON text. */
    public static String write(MonitorSnapshot snapshot) {
        try {
            return MAPPER.writeValueAsString(toTree(snapshot));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the monitor snapshot as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The snapshot as a JSON tree. */
    public static ObjectNode toTree(MonitorSnapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("taken_at", snapshot.takenAt().toString());
        ArrayNode redis = root.putArray("redis");
        snapshot.redis().forEach(r -> redis.add(redis(r)));
        return root;
    }

    private static ObjectNode redis(RedisSnapshot r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", r.target().name());
        node.put("bus", r.target().busKey());
        node.put("url", r.target().displayUrl());
        node.put("stream_prefix", r.target().streamPrefix());
        node.put("taken_at", r.takenAt().toString());
        node.put("reachable", r.reachable());
        put(node, "error", r.error());
        put(node, "redis_version", r.redisVersion());
        ObjectNode cpu = node.putObject("cpu");
        put(cpu, "percent", r.cpu().percent());
        cpu.put("basis", basisName(r.cpu().basis()));
        cpu.put("window_seconds", r.cpu().window().toMillis() / 1000.0);
        put(node, "connected_clients", r.connectedClients());
        ObjectNode clients = node.putObject("clients_by_engine");
        new TreeMap<>(r.clientsByEngine()).forEach(clients::put);
        ArrayNode commands = node.putArray("commands");
        for (CommandStats c : r.commands()) {
            ObjectNode command = commands.addObject();
            command.put("command", c.command());
            command.put("calls", c.calls());
            command.put("usec", c.usec());
            put(command, "usec_per_call", c.usecPerCall());
            put(command, "rejected_calls", c.rejectedCalls());
            put(command, "failed_calls", c.failedCalls());
        }
        node.put("failed_calls_total", r.totalFailedCalls());
        ObjectNode errors = node.putObject("errors");
        new TreeMap<>(r.errors()).forEach(errors::put);
        ObjectNode memory = node.putObject("memory");
        put(memory, "used_memory", r.memory().usedMemory());
        put(memory, "used_memory_human", r.memory().usedMemoryHuman());
        put(memory, "maxmemory", r.memory().maxMemory());
        put(memory, "maxmemory_policy", r.memory().maxMemoryPolicy());
        ArrayNode streams = node.putArray("streams");
        for (StreamInfo s : r.streams()) {
            ObjectNode stream = streams.addObject();
            stream.put("key", s.key());
            stream.put("length", s.length());
            stream.put("dead_letter", s.deadLetter());
            ArrayNode groups = stream.putArray("groups");
            for (GroupInfo g : s.groups()) {
                ObjectNode group = groups.addObject();
                group.put("name", g.name());
                group.put("consumers", g.consumers());
                group.put("pending", g.pending());
                put(group, "lag", g.lag());
                group.put("last_delivered_id", g.lastDeliveredId());
                put(group, "entries_read", g.entriesRead());
                put(group, "trimmed", g.trimmed());
            }
        }
        node.put("dead_letters", r.deadLetters());
        ArrayNode partitions = node.putArray("partitions");
        for (PartitionStatus p : r.partitions()) {
            ObjectNode partition = partitions.addObject();
            partition.put("bus", p.bus());
            partition.put("group", p.group());
            partition.put("partition", p.partition());
            put(partition, "owner", Optional.of(p.owner()).filter(owner -> !owner.isEmpty()));
            partition.put("epoch", p.epoch());
            partition.put("rebalances", p.rebalances());
            put(partition, "lag", p.lag() < 0 ? OptionalLong.empty() : OptionalLong.of(p.lag()));
            partition.put("lease_left_ms", p.leaseLeftMillis());
        }
        ArrayNode warnings = node.putArray("warnings");
        r.warnings().forEach(warnings::add);
        return node;
    }

    private static void put(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }

    private static void put(ObjectNode node, String field, OptionalLong value) {
        if (value.isPresent()) {
            node.put(field, value.getAsLong());
        } else {
            node.putNull(field);
        }
    }

    private static void put(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, Math.round(value.getAsDouble() * 1000.0) / 1000.0);
        } else {
            node.putNull(field);
        }
    }

    /** interval, since_start or unavailable. */
    private static String basisName(CpuUsage.Basis basis) {
        return basis.name().toLowerCase(Locale.ROOT);
    }
}
