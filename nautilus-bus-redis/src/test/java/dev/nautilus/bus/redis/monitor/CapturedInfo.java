package dev.nautilus.bus.redis.monitor;

/** INFO replies captured from real servers, with the wire's CRLF line ends, for the parser tests. */
final class CapturedInfo {

    /** {@code INFO} (default sections) of redis-server 7.0.15 after a NOGROUP error. */
    static final String REDIS_7_0_INFO = """
            # Server
            redis_version:7.0.15
            redis_git_sha1:00000000
            redis_git_dirty:0
            redis_build_id:ae4d7c971a948f0
            redis_mode:standalone
            os:Linux 6.18.44-fc-v445 x86_64
            arch_bits:64
            monotonic_clock:POSIX clock_gettime
            multiplexing_api:epoll
            atomicvar_api:c11-builtin
            gcc_version:12.2.0
            process_id:15756
            process_supervised:no
            run_id:165b4b64f3faa3f00e941c3397cd992133dbeff7
            tcp_port:16399
            server_time_usec:1795373875222933
            uptime_in_seconds:1
            uptime_in_days:0
            hz:10
            configured_hz:10
            lru_clock:211763
            executable:/tmp/mon-cap/redis-server
            config_file:
            io_threads_active:0
            # Clients
            connected_clients:1
            cluster_connections:0
            maxclients:10000
            client_recent_max_input_buffer:0
            client_recent_max_output_buffer:0
            blocked_clients:0
            tracking_clients:0
            clients_in_timeout_table:0
            # Memory
            used_memory:1020288
            used_memory_human:996.38K
            used_memory_rss:6557696
            used_memory_rss_human:6.25M
            used_memory_peak:1020288
            used_memory_peak_human:996.38K
            used_memory_peak_perc:100.23%
            used_memory_overhead:876456
            used_memory_startup:876184
            used_memory_dataset:143832
            used_memory_dataset_perc:99.81%
            allocator_allocated:1690848
            allocator_active:1826816
            allocator_resident:4497408
            total_system_memory:25274793984
            total_system_memory_human:23.54G
            used_memory_lua:32768
            used_memory_vm_eval:32768
            used_memory_lua_human:32.00K
            used_memory_scripts_eval:0
            number_of_cached_scripts:0
            number_of_functions:0
            number_of_libraries:0
            used_memory_vm_functions:33792
            used_memory_vm_total:66560
            used_memory_vm_total_human:65.00K
            used_memory_functions:200
            used_memory_scripts:200
            used_memory_scripts_human:200B
            maxmemory:0
            maxmemory_human:0B
            maxmemory_policy:noeviction
            allocator_frag_ratio:1.08
            allocator_frag_bytes:135968
            allocator_rss_ratio:2.46
            allocator_rss_bytes:2670592
            rss_overhead_ratio:1.46
            rss_overhead_bytes:2060288
            mem_fragmentation_ratio:7.48
            mem_fragmentation_bytes:5681368
            mem_not_counted_for_evict:0
            mem_replication_backlog:0
            mem_total_replication_buffers:0
            mem_clients_slaves:0
            mem_clients_normal:0
            mem_cluster_links:0
            mem_aof_buffer:0
            mem_allocator:jemalloc-5.3.0
            active_defrag_running:0
            lazyfree_pending_objects:0
            lazyfreed_objects:0
            # Persistence
            loading:0
            async_loading:0
            current_cow_peak:0
            current_cow_size:0
            current_cow_size_age:0
            current_fork_perc:0.00
            current_save_keys_processed:0
            current_save_keys_total:0
            rdb_changes_since_last_save:2
            rdb_bgsave_in_progress:0
            rdb_last_save_time:1795373874
            rdb_last_bgsave_status:ok
            rdb_last_bgsave_time_sec:-1
            rdb_current_bgsave_time_sec:-1
            rdb_saves:0
            rdb_last_cow_size:0
            rdb_last_load_keys_expired:0
            rdb_last_load_keys_loaded:0
            aof_enabled:0
            aof_rewrite_in_progress:0
            aof_rewrite_scheduled:0
            aof_last_rewrite_time_sec:-1
            aof_current_rewrite_time_sec:-1
            aof_last_bgrewrite_status:ok
            aof_rewrites:0
            aof_rewrites_consecutive_failures:0
            aof_last_write_status:ok
            aof_last_cow_size:0
            module_fork_in_progress:0
            module_fork_last_cow_size:0
            # Stats
            total_connections_received:5
            total_commands_processed:4
            instantaneous_ops_per_sec:0
            total_net_input_bytes:264
            total_net_output_bytes:115
            total_net_repl_input_bytes:0
            total_net_repl_output_bytes:0
            instantaneous_input_kbps:0.00
            instantaneous_output_kbps:0.00
            instantaneous_input_repl_kbps:0.00
            instantaneous_output_repl_kbps:0.00
            rejected_connections:0
            sync_full:0
            sync_partial_ok:0
            sync_partial_err:0
            expired_keys:0
            expired_stale_perc:0.00
            expired_time_cap_reached_count:0
            expire_cycle_cpu_milliseconds:0
            evicted_keys:0
            evicted_clients:0
            total_eviction_exceeded_time:0
            current_eviction_exceeded_time:0
            keyspace_hits:1
            keyspace_misses:0
            pubsub_channels:0
            pubsub_patterns:0
            pubsubshard_channels:0
            latest_fork_usec:0
            total_forks:0
            migrate_cached_sockets:0
            slave_expires_tracked_keys:0
            active_defrag_hits:0
            active_defrag_misses:0
            active_defrag_key_hits:0
            active_defrag_key_misses:0
            total_active_defrag_time:0
            current_active_defrag_time:0
            tracking_total_keys:0
            tracking_total_items:0
            tracking_total_prefixes:0
            unexpected_error_replies:0
            total_error_replies:1
            dump_payload_sanitizations:0
            total_reads_processed:9
            total_writes_processed:4
            io_threaded_reads_processed:0
            io_threaded_writes_processed:0
            reply_buffer_shrinks:0
            reply_buffer_expands:0
            # Replication
            role:master
            connected_slaves:0
            master_failover_state:no-failover
            master_replid:c25e37d862f7a8c78b1bc7a9f0760673ee36786b
            master_replid2:0000000000000000000000000000000000000000
            master_repl_offset:0
            second_repl_offset:-1
            repl_backlog_active:0
            repl_backlog_size:1048576
            repl_backlog_first_byte_offset:0
            repl_backlog_histlen:0
            # CPU
            used_cpu_sys:0.000000
            used_cpu_user:0.004563
            used_cpu_sys_children:0.000000
            used_cpu_user_children:0.000000
            used_cpu_sys_main_thread:0.000000
            used_cpu_user_main_thread:0.004521
            # Modules
            # Errorstats
            errorstat_NOGROUP:count=1
            # Cluster
            cluster_enabled:0
            # Keyspace
            db0:keys=1,expires=0,avg_ttl=0
            """.replace("\n", "\r\n");

    /** {@code INFO commandstats} of the same server. */
    static final String REDIS_7_0_COMMANDSTATS = """
            # Commandstats
            cmdstat_client|setname:calls=1,usec=31,usec_per_call=31.00,rejected_calls=0,failed_calls=0
            cmdstat_info:calls=1,usec=149,usec_per_call=149.00,rejected_calls=0,failed_calls=0
            cmdstat_xreadgroup:calls=1,usec=10,usec_per_call=10.00,rejected_calls=0,failed_calls=1
            cmdstat_xgroup|create:calls=1,usec=13,usec_per_call=13.00,rejected_calls=0,failed_calls=0
            cmdstat_xadd:calls=1,usec=13,usec_per_call=13.00,rejected_calls=0,failed_calls=0
            """.replace("\n", "\r\n");

    /**
     * {@code INFO commandstats} as Redis 6.0 writes it: no rejected_calls or failed_calls yet.
     * Shape taken from the Redis 6.0 source (server.c, genRedisInfoString).
     */
    static final String REDIS_6_0_COMMANDSTATS = """
            # Commandstats
            cmdstat_xadd:calls=12,usec=96,usec_per_call=8.00
            cmdstat_xreadgroup:calls=40,usec=400,usec_per_call=10.00
            """.replace("\n", "\r\n");

    private CapturedInfo() {}
}
