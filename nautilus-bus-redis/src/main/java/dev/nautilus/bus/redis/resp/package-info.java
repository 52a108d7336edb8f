/**
 * The bus's own Redis wire client: RESP2 over plain blocking sockets, for the two hot paths only —
 * the shared publishing connection ({@link dev.nautilus.bus.redis.resp.PublishSocket}, fed finished
 * {@code XADD} bytes by {@link dev.nautilus.bus.redis.resp.XaddEncoder}) and each consumer-group
 * reader's connection ({@link dev.nautilus.bus.redis.resp.RespSocket}, whose {@code XREADGROUP}
 * replies {@link dev.nautilus.bus.redis.resp.StreamEntriesReply} reads into
 * {@link dev.nautilus.bus.redis.resp.RawStreamEntry} values). Everything else (groups, claims, dead
 * letters, a cluster's {@code XADD}s) goes through Lettuce.
 *
 * <p>Why hand-rolled: a publishing thread writing into its own socket, and a reader thread woken by
 * the kernel when its reply arrives, each skip the hand-off through Lettuce's event-loop thread;
 * on this project's two-core machines that took the median latency from about
 * 420 to 220–390 µs (README, "Connections, per process and bus"; docs/BENCHMARKS.md).
 *
 * <p>Inside: {@code RespWriter} encodes commands, {@code RespReader} parses replies,
 * {@code RespConnection} is one open, set-up socket, and {@code ReconnectingConnection} opens,
 * drops and reopens it for both sockets. Only what the transport calls is public.
 */
package dev.nautilus.bus.redis.resp;
