package dev.followup.testing.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.followup.infra.FreePorts;
import dev.followup.testing.RealInfrastructure;

/**
 * The whole platform for journeys: the services as separate processes on the shared real Kafka, PostgreSQL and SMTP
 * server, texting a fake Twilio. Every process's clock follows one control file ({@code ClockControl} in the kit), so
 * {@link #advanceClocks} moves them all forward together and returns once each has.
 */
public final class Platform implements AutoCloseable {
    /** The repository root: the nearest folder up from the working directory that holds mvnw. */
    static final Path ROOT = findRoot();
    public static final String TWILIO_ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
    public static final String TWILIO_AUTH_TOKEN = "e2e-twilio-auth-token";
    private static final List<String> SERVICES = List.of("lead-service", "cadence-service", "messaging-service", "task-service",
            "insights-service");

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private final List<ServiceProcess> replicas = new ArrayList<>();
    private final RealInfrastructure.Servers servers = RealInfrastructure.servers();
    private final String twilioApiBaseUrl;
    private final Path logDirectory;
    private final Map<String, String> extraEnvironment;
    private final Path clockFile;
    private final StaffTokenKeyPair staffTokenKeys = StaffTokenKeyPair.generate();
    private long clockOffsetMillis;

    private Platform(String twilioApiBaseUrl, Path logDirectory, Map<String, String> extraEnvironment) {
        this.twilioApiBaseUrl = twilioApiBaseUrl;
        this.logDirectory = logDirectory;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.clockFile = logDirectory.resolve("clock-offset");
        try {
            Files.createDirectories(logDirectory);
            Files.writeString(clockFile, "0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : SERVICES) {
            services.put(name, process(name, name, Map.of()));
        }
    }

    /** A process of the service with the platform's settings, on a port of its own; not started yet. */
    private ServiceProcess process(String service, String name, Map<String, String> ownEnvironment) {
        int port = FreePorts.any();
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", servers.jdbcUrl());
        env.put("DB_USER", servers.dbUser());
        env.put("DB_PASSWORD", servers.dbPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrap());
        env.put("FOLLOWUP_ADMIN_TOKEN", adminToken(service));
        env.put("FOLLOWUP_CLOCK_CONTROL_FILE", clockFile.toString());
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_START_TLS", "DISABLED");
        env.put("SMTP_PORT", String.valueOf(servers.mail().smtpPort()));
        // An email the SMTP server did not take goes again within seconds, not minutes (the policy is the same).
        env.put("EMAIL_RETRY_AFTER", "PT2S");
        env.put("FOLLOWUP_EMAIL_RETRY_CHECK", "PT1S");
        env.put("UNSUBSCRIBE_SECRET", "e2e-unsubscribe-secret");
        env.put("FOLLOWUP_PUBLIC_BASE_URL", "http://localhost:" + port);
        // task-service signs staff tokens with this pair and insights-service verifies them, as in production.
        env.put("FOLLOWUP_AUTH_PRIVATE_KEY", staffTokenKeys.privatePem());
        env.put("FOLLOWUP_AUTH_PUBLIC_KEY", staffTokenKeys.publicPem());
        if (twilioApiBaseUrl != null) {
            env.put("TWILIO_ACCOUNT_SID", TWILIO_ACCOUNT_SID);
            env.put("TWILIO_AUTH_TOKEN", TWILIO_AUTH_TOKEN);
            env.put("FOLLOWUP_TWILIO_API_BASE_URL", twilioApiBaseUrl);
        }
        env.putAll(extraEnvironment);
        env.putAll(ownEnvironment);
        return new ServiceProcess(service, name, port, env, logDirectory);
    }

    /**
     * Starts one more replica of a service (e.g. a second cadence-service) with the same settings as the others
     * plus its own; the caller waits for it with {@link ServiceProcess#awaitReady}. It is stopped with the platform,
     * or earlier by the caller.
     */
    public ServiceProcess startReplica(String service, String replicaName, Map<String, String> ownEnvironment) {
        ServiceProcess replica = process(service, replicaName, ownEnvironment);
        replicas.add(replica);
        replica.start();
        return replica;
    }

    /**
     * Starts every service and waits until all report ready.
     *
     * @param twilioApiBaseUrl the fake Twilio's base URL; {@code null} runs messaging in sandbox mode
     * @param logDirectory where each service's output goes ({@code <service>.log})
     * @param extraEnvironment settings added to every service's environment
     */
    public static Platform start(String twilioApiBaseUrl, Path logDirectory, Map<String, String> extraEnvironment) {
        Platform platform = new Platform(twilioApiBaseUrl, logDirectory, extraEnvironment);
        platform.services.values().forEach(ServiceProcess::start);
        platform.services.values().forEach(s -> s.awaitReady(Duration.ofSeconds(120)));
        return platform;
    }

    /** Each service's own admin token; a replica shares its service's. */
    public static String adminToken(String service) {
        return "e2e-admin-token-" + service;
    }

    /** Every service and replica started, for diagnosing a failure. */
    public List<ServiceProcess> allWithReplicas() {
        List<ServiceProcess> all = new ArrayList<>(services.values());
        all.addAll(replicas);
        return all;
    }

    public List<ServiceProcess> all() {
        return List.copyOf(services.values());
    }

    public ServiceProcess lead() {
        return services.get("lead-service");
    }

    public ServiceProcess cadence() {
        return services.get("cadence-service");
    }

    public ServiceProcess messaging() {
        return services.get("messaging-service");
    }

    public ServiceProcess task() {
        return services.get("task-service");
    }

    public ServiceProcess insights() {
        return services.get("insights-service");
    }

    /** An RSA pair for staff tokens, as PEM text. */
    private record StaffTokenKeyPair(String privatePem, String publicPem) {
        static StaffTokenKeyPair generate() {
            try {
                java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                java.security.KeyPair pair = generator.generateKeyPair();
                return new StaffTokenKeyPair(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                        pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String pem(String label, byte[] der) {
            return "-----BEGIN " + label + "-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .encodeToString(der)
                    + "\n-----END " + label + "-----\n";
        }
    }

    /** Moves every service's clock forward by the same amount, so they keep agreeing on what time it is. */
    public synchronized void advanceClocks(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        clockOffsetMillis += duration.toMillis();
        try {
            Path tmp = clockFile.resolveSibling(clockFile.getFileName() + ".tmp");
            Files.writeString(tmp, String.valueOf(clockOffsetMillis));
            Files.move(tmp, clockFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long target = clockOffsetMillis;
        for (ServiceProcess process : running()) {
            Path ack = clockFile.resolveSibling(clockFile.getFileName() + ".ack." + process.pid());
            org.awaitility.Awaitility.await(process.name() + " follows the clock").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20)).until(() -> appliedOffset(ack) >= target);
        }
    }

    /** Moves every clock forward to {@code instant} (a past instant is refused: clocks only move forward). */
    public Instant moveClocksTo(Instant instant) {
        Duration ahead = Duration.between(now(), instant);
        advanceClocks(ahead.isNegative() ? Duration.ZERO : ahead);
        return instant;
    }

    /** What time the services agree it is. */
    public synchronized Instant now() {
        return Instant.now().plusMillis(clockOffsetMillis);
    }

    private List<ServiceProcess> running() {
        List<ServiceProcess> all = new java.util.ArrayList<>(services.values());
        all.addAll(replicas);
        return all.stream().filter(ServiceProcess::isAlive).toList();
    }

    private static long appliedOffset(Path ack) {
        try {
            return Files.isRegularFile(ack) ? Long.parseLong(Files.readString(ack).trim()) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Stops every process together (SIGTERM to all, then each is waited for, and killed if it will not stop). */
    @Override
    public void close() {
        List<ServiceProcess> all = new java.util.ArrayList<>(replicas);
        all.addAll(services.values());
        all.forEach(ServiceProcess::requestStop);
        all.forEach(ServiceProcess::stop);
    }

    public static Path repositoryRoot() {
        return ROOT;
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("platform-kit"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from inside the repository: no mvnw found above " + Path.of("").toAbsolutePath());
    }
}
