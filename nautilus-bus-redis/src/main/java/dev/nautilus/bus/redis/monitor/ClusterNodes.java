package dev.nautilus.bus.redis.monitor;

import dev.nautilus.bus.Redaction;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes of a Redis Cluster, as monitor targets: a bus on a cluster is watched node by node,
 * since CPU, clients and failed calls are each server's own. Asked once ({@code CLUSTER NODES} on
 * the configured node), so nodes added later are not watched until the monitor is restarted.
 */
public final class ClusterNodes {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodes.class);

    private ClusterNodes() {}

    /**
     * One target per node of the cluster {@code seed} belongs to, named after the seed and the node
     * ({@code MarketData bus 10.0.0.5:7001 master}), with the seed's credentials, scheme and TLS material. When the
     * seed cannot be asked, the seed alone, so that the monitor still shows it unreachable.
     */
    public static List<MonitorTarget> of(MonitorTarget seed, Duration timeout) {
        RedisURI uri = RedisURI.create(seed.redisUrl());
        uri.setTimeout(timeout);
        uri.setClientName(seed.connectionName());
        uri.setLibraryName("");
        uri.setLibraryVersion("");
        RedisClient client = RedisClient.create();
        if (uri.isSsl()) {
            client.setOptions(seed.tls().applyTo(ClientOptions.builder()).build());
        }
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            return parse(seed, connection.sync().clusterNodes());
        } catch (RuntimeException e) {
            LOG.warn(
                    "cannot list the nodes of the cluster behind {}: {}; watching that node alone",
                    seed,
                    e.getMessage());
            return List.of(seed);
        } finally {
            client.shutdown(Duration.ZERO, timeout);
        }
    }

    /** The targets of a {@code CLUSTER NODES} reply; failed and handshaking nodes are left out. */
    static List<MonitorTarget> parse(MonitorTarget seed, String clusterNodes) {
        List<MonitorTarget> targets = new ArrayList<>();
        for (String line : clusterNodes.split("\n")) {
            String[] fields = line.strip().split(" ");
            if (fields.length < 3
                    || fields[2].contains("fail")
                    || fields[2].contains("handshake")
                    || fields[2].contains("noaddr")) {
                continue;
            }
            // ip:port@cport[,hostname]
            String address = fields[1].split("[@,]")[0];
            int colon = address.lastIndexOf(':');
            String host = address.substring(0, colon);
            String port = address.substring(colon + 1);
            String role = fields[2].contains("master") ? "master" : "replica";
            targets.add(new MonitorTarget(
                    seed.name() + " " + address + " " + role,
                    seed.busKey(),
                    withHostAndPort(seed.redisUrl(), host.isEmpty() ? "127.0.0.1" : host, Integer.parseInt(port)),
                    seed.streamPrefix(),
                    seed.tls()));
        }
        targets.sort((a, b) -> a.name().compareTo(b.name()));
        return targets.isEmpty() ? List.of(seed) : List.copyOf(targets);
    }

    private static String withHostAndPort(String url, String host, int port) {
        try {
            URI uri = new URI(url);
            return new URI(uri.getScheme(), uri.getRawUserInfo(), host, port, uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "cannot build a node URL from " + Redaction.url(url) + ": " + e.getMessage(), e);
        }
    }
}
