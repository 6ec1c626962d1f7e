package dev.followup.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Dealer websites posting leads at a steady rate, each one retried like a careful client does: on a refused
 * connection, a timeout or a 5xx, the same request again with the same Idempotency-Key until lead-service answers
 * 2xx. A 4xx is not retried: it is recorded as refused (a fault must never turn a good lead into a bad request).
 */
final class SteadyLeads {
    /** A lead lead-service accepted. @param attempts how many requests it took */
    record Accepted(String idempotencyKey, String phone, String leadId, int attempts) {
    }

    record Refused(String idempotencyKey, int status, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    private final List<Dealership> dealers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService posters = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Refused> refused = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();

    private SteadyLeads(List<Dealership> dealers) {
        this.dealers = dealers;
    }

    /** Starts posting {@code perSecond} leads a second, spread over the dealers in turn. */
    static SteadyLeads start(List<Dealership> dealers, int perSecond) {
        SteadyLeads load = new SteadyLeads(dealers);
        load.ticker.scheduleAtFixedRate(() -> load.posters.execute(load::postOne), 0, 1000 / perSecond, TimeUnit.MILLISECONDS);
        return load;
    }

    int acceptedSoFar() {
        return accepted.size();
    }

    /** Stops posting new leads and waits until every lead already begun has been answered. */
    Result stop() throws InterruptedException {
        ticker.shutdownNow();
        ticker.awaitTermination(5, TimeUnit.SECONDS);
        posters.shutdown();
        if (!posters.awaitTermination(GIVE_UP_AFTER.toSeconds() + 30, TimeUnit.SECONDS)) {
            throw new AssertionError("leads still unanswered " + GIVE_UP_AFTER + " after the load stopped");
        }
        return new Result(new ArrayList<>(accepted), new ArrayList<>(refused));
    }

    record Result(List<Accepted> accepted, List<Refused> refused) {
        long retried() {
            return accepted.stream().filter(a -> a.attempts() > 1).count();
        }
    }

    private void postOne() {
        int n = sequence.getAndIncrement();
        Dealership dealer = dealers.get(n % dealers.size());
        String phone = Journeys.newPhone();
        String key = UUID.randomUUID().toString();
        String body;
        try {
            body = JSON.writeValueAsString(Journeys.jsonLead("website", "Steady" + n, phone));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(Journeys.platform().lead().baseUrl() + "/leads"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("X-Api-Key", dealer.apiKey).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (int attempt = 1; System.nanoTime() < giveUp; attempt++) {
            try {
                HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 == 2) {
                    JsonNode json = JSON.readTree(answer.body());
                    accepted.add(new Accepted(key, phone, json.path("leadId").asText(), attempt));
                    return;
                }
                if (answer.statusCode() / 100 == 4) {
                    refused.add(new Refused(key, answer.statusCode(), answer.body()));
                    return;
                }
            } catch (IOException e) {
                // refused connection, reset, timeout: lead-service is down or restarting; try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        refused.add(new Refused(key, 0, "no 2xx within " + GIVE_UP_AFTER));
    }
}
