package dev.followup.testing.processes;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service as its own operating-system process, started from its built quarkus-app like deploy/local does. */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String service;
    private final String name;
    private final int port;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;

    /**
     * @param service the module whose built quarkus-app is run
     * @param name this process's name (its log file); a second replica of a service gets its own
     */
    /** The JVM flags every service runs with, shared with deploy/local/up. */
    static final String JVM_OPTIONS = "deploy/service-jvm.options";

    ServiceProcess(String service, String name, int port, Map<String, String> environment, Path logDirectory) {
        this.service = service;
        this.name = name;
        this.port = port;
        this.environment = environment;
        this.logFile = logDirectory.resolve(name + ".log");
    }

    public String name() {
        return name;
    }

    /** The admin token of this service's {@code /admin} endpoints (each service has its own, as in production). */
    public String adminToken() {
        return environment.get("FOLLOWUP_ADMIN_TOKEN");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public synchronized void start() {
        Path jar = Platform.ROOT.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify builds them before this module)");
        }
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("@" + Platform.ROOT.resolve(JVM_OPTIONS));
        // e.g. a profiler for a benchmark run: FOLLOWUP_SERVICE_JVM_OPTS="-XX:StartFlightRecording=..."
        String extra = System.getenv("FOLLOWUP_SERVICE_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().replace("{name}", name).split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        // glibc's default of 8 malloc arenas per core is resident memory the JVM never asked for
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    public void awaitReady(Duration patience) {
        await(name + " ready").atMost(patience).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            return isReady();
        });
    }

    public boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM and wait: the service finishes in-flight work (graceful shutdown). */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor(Duration.ofSeconds(25));
        }
    }

    /** SIGTERM without waiting, so several processes shut down at once. */
    public synchronized void requestStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** kill -9: no shutdown hook runs, nothing in flight is finished. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    /**
     * What this process is doing, for a failure message: its health when not UP, and each thread caught inside the
     * platform's own code (a consumer stuck on a record shows here). The whole thread dump goes next to the log.
     */
    public String diagnosis() {
        if (!isAlive()) {
            return name + ": not running";
        }
        StringBuilder out = new StringBuilder(name + ":");
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            out.append(health.statusCode() == 200 ? " healthy" : " health " + health.statusCode() + " "
                    + health.body().replaceAll("\\s+", " "));
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid()), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(30, TimeUnit.SECONDS);
            Path dumpFile = logFile.resolveSibling(name + "-threads-" + System.currentTimeMillis() + ".txt");
            Files.writeString(dumpFile, dump);
            for (String thread : dump.split("\n\n")) {
                List<String> ours = thread.lines().filter(l -> l.contains("at dev.followup.")).limit(3).toList();
                if (!ours.isEmpty()) {
                    String state = thread.lines().filter(l -> l.contains("java.lang.Thread.State")).findFirst().orElse("").trim();
                    out.append("\n  ").append(thread.lines().findFirst().orElse("").replaceAll(" #.*", "")).append(' ')
                            .append(state).append(ours.stream().map(String::trim).toList());
                }
            }
            out.append("\n  (all threads: ").append(dumpFile).append(')');
        } catch (IOException e) {
            out.append(" unreachable: ").append(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    /** The operating-system process id, e.g. to read its resident memory from /proc. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    private void waitFor(Duration patience) {
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
