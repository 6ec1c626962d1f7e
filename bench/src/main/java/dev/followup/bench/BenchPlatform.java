package dev.followup.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.processes.Platform;
import dev.followup.testing.processes.ServiceProcess;
import dev.followup.testing.twilio.FakeTwilio;

/**
 * What every benchmark starts: a real KRaft Kafka and a real PostgreSQL in this JVM (fsync on), the fake Twilio in
 * this JVM (it timestamps every request with {@link System#nanoTime()}, comparable with the load generator's), the
 * five services as separate JVMs from their built quarkus-run.jar, and a sampler of their resident memory.
 * Everything stops when this closes, or when the JVM exits (time limit, Ctrl-C).
 */
public final class BenchPlatform implements AutoCloseable {
    public final RealInfrastructure.Servers servers;
    public final FakeTwilio twilio;
    public final Platform platform;
    public final MemorySampler memory = new MemorySampler();
    public final Path logs;
    private volatile boolean closed;

    private BenchPlatform(RealInfrastructure.Servers servers, FakeTwilio twilio, Platform platform, Path logs) {
        this.servers = servers;
        this.twilio = twilio;
        this.platform = platform;
        this.logs = logs;
        for (ServiceProcess service : platform.all()) {
            memory.watch(service.name(), service.pid());
        }
    }

    public static BenchPlatform start(String benchmark, Map<String, String> extraEnvironment) {
        long started = System.nanoTime();
        Path logs = BenchMain.repo().resolve("bench/target/logs").resolve(benchmark + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();
        System.out.println("[bench] starting Kafka and PostgreSQL ...");
        RealInfrastructure.Servers servers = RealInfrastructure.servers();
        FakeTwilio twilio = FakeTwilio.start(0, Platform.TWILIO_ACCOUNT_SID, Platform.TWILIO_AUTH_TOKEN);
        Map<String, String> env = new HashMap<>();
        // The benchmark creates keys with high limits; these defaults only matter for keys without their own.
        env.put("FOLLOWUP_RATE_LIMIT_PER_SECOND", "100000");
        env.put("FOLLOWUP_RATE_LIMIT_BURST", "100000");
        // messaging's per-dealer protection (120 texts a minute, 5,000 a day by default) would throttle the synthetic
        // dealers of a benchmark: every text of a run comes from a handful of dealers.
        env.put("DEALER_RATE_PER_MINUTE", "10000000");
        env.put("DEALER_DAILY_QUOTA", "100000000");
        env.putAll(extraEnvironment);
        System.out.println("[bench] starting the five services (logs: " + logs + ") ...");
        Platform platform;
        try {
            platform = Platform.start(twilio.baseUrl(), logs, env);
        } catch (RuntimeException e) {
            twilio.close();
            throw e;
        }
        BenchPlatform bench = new BenchPlatform(servers, twilio, platform, logs);
        Runtime.getRuntime().addShutdownHook(new Thread(bench::close, "bench-platform-stop"));
        System.out.printf("[bench] platform ready in %.0f s: %s%n", (System.nanoTime() - started) / 1e9,
                String.join(", ", platform.all().stream().map(s -> s.name() + " " + s.baseUrl()).toList()));
        return bench;
    }

    /** A CPU meter over the five services, the given replicas, PostgreSQL and this JVM. */
    public CpuMeter cpuMeter(ServiceProcess... replicas) {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        for (ServiceProcess service : platform.all()) {
            pids.put(service.name(), service.pid());
        }
        for (ServiceProcess replica : replicas) {
            pids.put(replica.name(), replica.pid());
        }
        return new CpuMeter(pids);
    }

    /**
     * Waits until the machine is quiet (under 30 % busy over 2 s: the services have worked off what the previous
     * phase left them), or the patience runs out; prints how long it took.
     */
    public void settle(Duration patience) throws InterruptedException {
        CpuMeter cpu = cpuMeter();
        long started = System.nanoTime();
        double busy = 1;
        while (System.nanoTime() - started < patience.toNanos()) {
            Map<String, Long> before = cpu.sample();
            Thread.sleep(2000);
            busy = CpuMeter.busyShare(before, cpu.sample());
            if (busy < 0.30) {
                break;
            }
        }
        System.out.printf("[bench] settled in %.0f s (machine %.0f %% busy)%n", (System.nanoTime() - started) / 1e9, busy * 100);
    }

    /** A JDBC connection to the platform's database (the services' schemas are lead, cadence, messaging, task). */
    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword());
    }

    /** Stops a watchdog-bounded run: exits the JVM (shutdown hooks stop the services) after {@code minutes}. */
    public static void timeLimit(int minutes) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(minutes * 60_000L);
                System.err.println("[bench] time limit of " + minutes + " min reached: stopping everything");
                System.exit(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "bench-time-limit");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        memory.close();
        try {
            platform.close();
        } finally {
            twilio.close();
            servers.close();
        }
    }

    static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }
}
