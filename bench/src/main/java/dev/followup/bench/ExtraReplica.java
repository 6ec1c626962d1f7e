package dev.followup.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.followup.infra.processes.Platform;

/**
 * One more replica of a service, started like platform-infra's ServiceProcess starts the others (same quarkus-run.jar,
 * same JVM flags, same database, broker and admin token), on its own port. ServiceProcess's constructor is not
 * public, hence this small launcher.
 */
public final class ExtraReplica implements AutoCloseable {
    private final String name;
    private final int port;
    private final Process process;

    private ExtraReplica(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    public static ExtraReplica start(BenchPlatform bench, String service, String replicaName, Map<String, String> extraEnv) {
        Path jar = Path.of("").toAbsolutePath().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString()));
        Map<String, String> env = builder.environment();
        env.put("DB_URL", bench.servers.jdbcUrl());
        env.put("DB_USER", bench.servers.dbUser());
        env.put("DB_PASSWORD", bench.servers.dbPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bench.servers.kafkaBootstrap());
        env.put("FOLLOWUP_ADMIN_TOKEN", Platform.ADMIN_TOKEN);
        env.put("FOLLOWUP_CLOCK_MOVABLE", "true");
        env.put("FOLLOWUP_PUBLIC_BASE_URL", "http://localhost:" + port);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.putAll(extraEnv);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(bench.logs.resolve(replicaName + ".log").toFile()));
        try {
            return new ExtraReplica(replicaName, port, builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + replicaName, e);
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public void awaitReady(Duration patience) throws InterruptedException {
        HttpClient client = LoadGenerator.newClient();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + patience);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(40, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
