package org.infragraph.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * Runs Neo4j Community embedded with only a loopback Bolt connector, so Infragraph can use a real
 * Neo4j without Docker or a separate install. The controlling process (server/src/db/embedded)
 * reads the single READY line from stdout; everything else Neo4j writes goes to {@code <home>/logs}.
 *
 * Settings come from arguments, falling back to environment variables (the password only from
 * the environment or a file, so it never shows up in `ps`).
 */
public final class Launcher {
    static final String NEO4J_VERSION = "5.26.30";
    private static final String READY = "INFRAGRAPH_NEO4J_READY";
    private static final String FAILED = "INFRAGRAPH_NEO4J_FAILED";
    private static final String STOPPED = "INFRAGRAPH_NEO4J_STOPPED";
    private static final String SAME_PASSWORD = "Old password and new password cannot be the same";

    private Launcher() {}

    public static void main(String[] args) {
        // Neo4j and its libraries occasionally print to stdout; keep stdout for our protocol lines.
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            protocol.println(FAILED + " " + e.getMessage());
            System.exit(2);
            return;
        }
        System.setOut(System.err);
        try {
            run(o, protocol);
        } catch (Throwable t) {
            protocol.println(FAILED + " " + oneLine(rootCause(t)));
            t.printStackTrace(System.err);
            // halt, not exit: a half-started database must not block in shutdown hooks.
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(Options o, PrintStream protocol) throws Exception {
        Files.createDirectories(o.home);
        Map<org.neo4j.graphdb.config.Setting<?>, Object> cfg = new HashMap<>();
        cfg.put(BoltConnector.enabled, true);
        cfg.put(BoltConnector.listen_address, new SocketAddress(o.boltHost, o.boltPort));
        cfg.put(BoltConnector.advertised_address, new SocketAddress(o.boltHost, o.boltPort));
        cfg.put(HttpConnector.enabled, false);
        cfg.put(HttpsConnector.enabled, false);
        cfg.put(GraphDatabaseSettings.auth_enabled, true);
        // A local tool should not report usage to Neo4j Inc. behind the user's back.
        cfg.put(GraphDatabaseSettings.udc_enabled, false);
        // Bolt waits 5 s twice on shutdown by default even with no clients; `db stop` and test
        // restarts would pay that every time. Clients on loopback drain well within a second.
        cfg.put(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1));
        cfg.put(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1));
        cfg.put(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(o.txTimeoutSec));
        // A client cannot tell a slow answer from a link that went silent (a dropped VPN, a
        // frozen host): the driver waits for as long as the server says it will stay quiet, the
        // connection hint keep_alive × probes, which is 120 s by default. An import cut off that
        // way waited 120 s per statement and had not exited after 600 s. The server now sends a
        // NOOP after 10 s of silence during any request, checked every 5 s, and the driver drops
        // a connection after 30 s without a byte (bench/import-outage-exit.ts --mode stall).
        cfg.put(BoltConnector.connection_keep_alive_type, BoltConnector.KeepAliveRequestType.ALL);
        cfg.put(BoltConnector.connection_keep_alive, Duration.ofSeconds(10));
        cfg.put(BoltConnector.connection_keep_alive_streaming_scheduling_interval, Duration.ofSeconds(5));
        cfg.put(BoltConnector.connection_keep_alive_probes, 3);
        // One transaction may hold at most a quarter of the heap (db.memory.transaction.max; by
        // default only the total of all transactions is bounded, at 70 % of the heap). Without it
        // one console query building a huge value (600,000 strings of 1 KB) took every other
        // transaction's memory for a minute and ended in a direct-memory OutOfMemoryError; with
        // it the query fails alone, early, with Neo4j's transaction memory error (LIMIT_EXCEEDED).
        // A quarter is far above what the import's batches need (a few MB per transaction).
        cfg.put(GraphDatabaseSettings.memory_transaction_max_size, Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4));
        // Transaction logs beyond what recovery needs are kept up to 1 GB. Neo4j's default keeps
        // two days of them, and a week of hourly imports (bench/slot-growth.ts) wrote 72 GB of logs
        // beside a 6 GB store in 25 minutes, until the disk was full and the database panicked.
        // Community Edition has no online backup that would read them. Logs are pruned at a
        // checkpoint, every 15 minutes by default: in that time such imports wrote over 10 GB.
        // So a checkpoint comes after every 2 GiB of log instead (the VOLUME policy, checked each
        // second), which bounds the logs by what was written, not by the clock. A checkpoint every
        // minute bounded them too, but flushed 3.3 GB of dirty pages in the middle of a next-day
        // import and made it 5 % slower; that import writes about 1 GB of log.
        cfg.put(GraphDatabaseSettings.keep_logical_logs, "1G size");
        cfg.put(GraphDatabaseSettings.check_point_policy, GraphDatabaseSettings.CheckpointPolicy.VOLUME);
        cfg.put(GraphDatabaseSettings.check_point_interval_volume, 2L << 30);
        if (o.pageCacheMb > 0) {
            cfg.put(GraphDatabaseSettings.pagecache_memory, o.pageCacheMb * 1024L * 1024L);
        }
        if (o.pluginsDir != null && Files.isDirectory(o.pluginsDir)) {
            cfg.put(GraphDatabaseSettings.plugin_dir, o.pluginsDir.toAbsolutePath());
            // apoc.* functions are registered only when allow-listed; unrestricted lets the few
            // that touch internals load too. The database listens on loopback only.
            cfg.put(GraphDatabaseSettings.procedure_allowlist, List.of("apoc.*"));
            cfg.put(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"));
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(o.home).setConfig(cfg).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } finally {
                protocol.println(STOPPED);
                stopped.countDown();
            }
        }, "infragraph-neo4j-shutdown"));

        ensurePassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), o.password);
        // Make sure the default database is available before announcing readiness.
        GraphDatabaseService neo4j = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        try (Transaction tx = neo4j.beginTx()) {
            tx.execute("RETURN 1").close();
        }
        // Indexes rebuilt during this start (after a crash) are on disk before anyone writes; those
        // still populating are checkpointed when they come online.
        Set<String> online = IndexCheckpoints.onlineIndexes(neo4j);
        IndexCheckpoints.checkpoint(neo4j, "Infragraph: started");
        IndexCheckpoints.watch(neo4j, online, Duration.ofSeconds(2));
        waitForBolt(o.boltHost, o.boltPort, Duration.ofSeconds(30));

        if (o.watchStdin) {
            Thread watcher = new Thread(() -> {
                drain(System.in);
                System.exit(0); // runs the shutdown hook
            }, "infragraph-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        protocol.println(READY + " bolt://" + o.boltHost + ":" + o.boltPort + " version=" + NEO4J_VERSION);
        stopped.await();
    }

    /**
     * A fresh store has neo4j/neo4j with a forced change; later starts may carry a different
     * password from a rotated password file. Re-setting an identical password is an error in
     * Neo4j, which doubles as the check that the stored password already matches.
     */
    static void ensurePassword(GraphDatabaseService system, String password) {
        boolean changeRequired;
        try (Transaction tx = system.beginTx();
             Result r = tx.execute("SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j' "
                     + "RETURN passwordChangeRequired")) {
            changeRequired = !r.hasNext() || Boolean.TRUE.equals(r.next().get("passwordChangeRequired"));
        }
        try (Transaction tx = system.beginTx()) {
            tx.execute("ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED", Map.of("p", password)).close();
            tx.commit();
        } catch (RuntimeException e) {
            String msg = String.valueOf(rootCause(e).getMessage());
            if (changeRequired || !msg.contains(SAME_PASSWORD)) {
                throw e;
            }
        }
    }

    private static void waitForBolt(String host, int port, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("Bolt did not accept connections on " + host + ":" + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // the parent never writes; we only wait for end-of-file
            }
        } catch (IOException ignored) {
            // a broken pipe means the parent is gone, same as EOF
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return m.replaceAll("\\s+", " ").trim();
    }

    static final class Options {
        Path home;
        String boltHost = "127.0.0.1";
        int boltPort = 7687;
        long pageCacheMb = 0;
        long txTimeoutSec = 60;
        String password;
        Path pluginsDir;
        boolean watchStdin;

        static Options parse(String[] args) {
            Map<String, String> a = new HashMap<>();
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String k = args[i];
                if (k.equals("--watch-stdin")) {
                    o.watchStdin = true;
                } else if (k.startsWith("--") && k.contains("=")) {
                    a.put(k.substring(2, k.indexOf('=')), k.substring(k.indexOf('=') + 1));
                } else if (k.startsWith("--") && i + 1 < args.length) {
                    a.put(k.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown argument " + k);
                }
            }
            String home = pick(a, "home", "INFRAGRAPH_NEO4J_HOME");
            if (home == null) throw new IllegalArgumentException("--home (or INFRAGRAPH_NEO4J_HOME) is required");
            o.home = Path.of(home).toAbsolutePath();
            String host = pick(a, "bolt-host", "INFRAGRAPH_NEO4J_BOLT_HOST");
            if (host != null) o.boltHost = host;
            o.boltPort = (int) num(pick(a, "bolt-port", "INFRAGRAPH_NEO4J_BOLT_PORT"), o.boltPort, "bolt-port");
            o.pageCacheMb = num(pick(a, "pagecache-mb", "INFRAGRAPH_NEO4J_PAGECACHE_MB"), 0, "pagecache-mb");
            o.txTimeoutSec = num(pick(a, "tx-timeout-sec", "INFRAGRAPH_NEO4J_TX_TIMEOUT_SEC"), 60, "tx-timeout-sec");
            String plugins = pick(a, "plugins-dir", "INFRAGRAPH_NEO4J_PLUGINS_DIR");
            if (plugins != null) o.pluginsDir = Path.of(plugins);
            o.password = System.getenv("INFRAGRAPH_NEO4J_PASSWORD");
            String pwFile = pick(a, "password-file", "INFRAGRAPH_NEO4J_PASSWORD_FILE");
            if ((o.password == null || o.password.isEmpty()) && pwFile != null) {
                try {
                    o.password = Files.readString(Path.of(pwFile), StandardCharsets.UTF_8).trim();
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read password file " + pwFile + ": " + e.getMessage());
                }
            }
            if (o.password == null || o.password.isEmpty()) {
                throw new IllegalArgumentException("set INFRAGRAPH_NEO4J_PASSWORD or --password-file");
            }
            return o;
        }

        private static String pick(Map<String, String> a, String arg, String env) {
            String v = a.get(arg);
            return v != null ? v : System.getenv(env);
        }

        private static long num(String v, long dflt, String name) {
            if (v == null || v.isEmpty()) return dflt;
            try {
                return Long.parseLong(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got " + v);
            }
        }
    }
}
