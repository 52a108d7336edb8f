package dev.nautilus.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of a test's own: {@code n} masters (no replicas), each a {@link RedisServer}
 * started with {@code --cluster-enabled yes} on a free port, the 16,384 slots split evenly, joined
 * with {@code CLUSTER MEET}; {@link #start} returns once every node reports {@code cluster_state:ok}
 * and knows every other. Set up over the raw protocol, independent of the client under test.
 */
public final class RedisCluster implements AutoCloseable {

    private static final int SLOTS = 16_384;
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(20);

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts a cluster of {@code masters} nodes, each serving an even share of the slots. */
    public static RedisCluster start(int masters) {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(RedisServer.start(
                        "--cluster-enabled",
                        "yes",
                        "--cluster-config-file",
                        "nodes.conf",
                        "--cluster-node-timeout",
                        "2000"));
            }
            for (int i = 0; i < masters; i++) {
                int first = i * SLOTS / masters;
                int last = (i + 1) * SLOTS / masters - 1;
                expectOk(nodes.get(i), "CLUSTER", "ADDSLOTSRANGE", String.valueOf(first), String.valueOf(last));
            }
            for (int i = 1; i < masters; i++) {
                expectOk(
                        nodes.get(0),
                        "CLUSTER",
                        "MEET",
                        "127.0.0.1",
                        String.valueOf(nodes.get(i).port()));
            }
            RedisCluster cluster = new RedisCluster(nodes);
            cluster.awaitFormed();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    /** The nodes, in slot order: node 0 serves the lowest slots. */
    public List<RedisServer> nodes() {
        return nodes;
    }

    /** A seed URL: any node will do, the client discovers the rest. */
    public String url() {
        return nodes.get(0).url();
    }

    /** The node that serves a key, by asking Redis ({@code CLUSTER KEYSLOT}, {@code CLUSTER NODES}) rather than computing it here. */
    public RedisServer nodeOf(String key) {
        return nodeOfSlot(slotOf(key));
    }

    /** The slot of a key, as Redis computes it. */
    public int slotOf(String key) {
        return Integer.parseInt(
                anyLiveNode().command("CLUSTER", "KEYSLOT", key).substring(1).strip());
    }

    /**
     * Hands an empty slot to another node, telling every node at once, as a resharding step does
     * once its keys have moved: a client that still routes by the old map is answered {@code MOVED}.
     */
    public void moveSlot(int slot, RedisServer to) {
        String nodeId = to.command("CLUSTER", "MYID")
                .lines()
                .skip(1)
                .findFirst()
                .orElseThrow()
                .strip();
        for (RedisServer node : nodes) {
            expectOk(node, "CLUSTER", "SETSLOT", String.valueOf(slot), "NODE", nodeId);
        }
    }

    private RedisServer nodeOfSlot(int slot) {
        // CLUSTER NODES lines: <id> <ip:port@cport> <flags> <master> <ping> <pong> <epoch> <state> <slot ranges...>
        for (String line :
                anyLiveNode().command("CLUSTER", "NODES").lines().skip(1).toList()) {
            String[] fields = line.strip().split(" ");
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue; // a slot being imported or migrated
                }
                String[] range = fields[i].split("-");
                int first = Integer.parseInt(range[0]);
                int last = Integer.parseInt(range[range.length - 1]);
                if (slot >= first && slot <= last) {
                    int port = Integer.parseInt(
                            fields[1].substring(fields[1].lastIndexOf(':') + 1, fields[1].indexOf('@')));
                    return nodes.stream()
                            .filter(node -> node.port() == port)
                            .findFirst()
                            .orElseThrow();
                }
            }
        }
        throw new IllegalStateException("no node of the test cluster serves slot " + slot);
    }

    /** A node that answers: a test may have killed some. */
    private RedisServer anyLiveNode() {
        for (RedisServer node : nodes) {
            try {
                node.command("PING");
                return node;
            } catch (IllegalStateException down) {
                // try the next
            }
        }
        throw new IllegalStateException("no node of the test cluster answers");
    }

    private void awaitFormed() {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            boolean formed = true;
            for (RedisServer node : nodes) {
                last = node.command("CLUSTER", "INFO");
                if (!last.contains("cluster_state:ok") || !last.contains("cluster_known_nodes:" + nodes.size())) {
                    formed = false;
                    break;
                }
            }
            if (formed) {
                return;
            }
            try {
                // Gossip takes a few hundred milliseconds; there is nothing to block on.
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException(
                "the test cluster did not form within " + FORM_TIMEOUT + "; last CLUSTER INFO: " + last);
    }

    private static void expectOk(RedisServer node, String... command) {
        String reply = node.command(command);
        if (!reply.startsWith("+OK")) {
            throw new IllegalStateException(
                    String.join(" ", command) + " on port " + node.port() + " answered " + reply.strip());
        }
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
