package dev.followup.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A few seconds of the harness against a tiny local HTTP server: load generator, histogram, memory sampler and
 * chart writer, end to end. The server answers 201 after ~1 ms on ONE thread, 503 to every 50th request, and
 * stalls 400 ms once (request 100): an open-model generator must show that stall in the requests that should
 * have left during it, not in one request only.
 */
public final class Smoke {
    public record Outcome(List<LoadGenerator.Result> steps, MemorySampler.Usage memory, Path chart) {
    }

    private Smoke() {
    }

    public static Outcome run(Path chart, double[] rates, Duration stepDuration) {
        HttpServer server;
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 500);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                sleep(path.endsWith("/stall") ? 400 : 1);
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(path.endsWith("/fail") ? 503 : 201, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.setExecutor(serverThread);
        server.start();
        MemorySampler memory = new MemorySampler().watch("bench", ProcessHandle.current().pid());
        try {
            String base = "http://localhost:" + server.getAddress().getPort();
            HttpClient client = LoadGenerator.newClient();
            LoadGenerator generator = new LoadGenerator(client).drainTimeout(Duration.ofSeconds(5));
            List<LoadGenerator.Result> results = new ArrayList<>();
            List<LatencyChart.Point> points = new ArrayList<>();
            for (double rate : rates) {
                LoadGenerator.Result result = generator.run(rate, stepDuration, i -> HttpRequest
                        .newBuilder(URI.create(base + (i == 100 ? "/leads/stall" : i % 50 == 49 ? "/leads/fail" : "/leads")))
                        .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}")).build(), LoadGenerator.IGNORE);
                results.add(result);
                points.add(new LatencyChart.Point(rate, result.percentileMillis(50), result.percentileMillis(99),
                        result.errors() > 0));
            }
            memory.sampleNow();
            LatencyChart.write(chart, "smoke: tiny local server", points, 50);
            return new Outcome(results, memory.snapshot().get("bench"), chart);
        } finally {
            memory.close();
            server.stop(0);
            serverThread.shutdownNow();
        }
    }

    static Table table(List<LoadGenerator.Result> results) {
        Table table = new Table("offered/s", "sent", "2xx", "achieved/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms",
                "max ms", "errors");
        for (LoadGenerator.Result r : results) {
            table.row(Table.num(r.offeredRate()), r.sent(), r.ok(), Table.num(r.achievedRate()),
                    Table.ms(r.percentileMillis(50)), Table.ms(r.percentileMillis(90)), Table.ms(r.percentileMillis(99)),
                    Table.ms(r.percentileMillis(99.9)), Table.ms(r.maxMillis()), r.errorSummary());
        }
        return table;
    }

    /** bench/run smoke: prints the table; appends nothing to docs/benchmarks.md. */
    public static void main(String[] args) {
        Outcome outcome = run(BenchMain.repo().resolve("bench/target/smoke-latency.png"), new double[] {100, 200}, Duration.ofSeconds(3));
        System.out.println("chart: " + outcome.chart().toAbsolutePath());
        System.out.printf("bench JVM resident memory: max %.0f MB%n", outcome.memory().maxMb());
        System.out.println();
        System.out.print(table(outcome.steps()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
