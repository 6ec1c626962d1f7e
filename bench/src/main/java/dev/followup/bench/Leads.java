package dev.followup.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.followup.testing.processes.Platform;

/** Dealers, reps and API keys through lead-service's admin API, and distinct leads to POST. */
public final class Leads {
    /** A dealer as the benchmark set it up. */
    public record BenchDealer(String id, String apiKey, List<String> repIds, String timeZone) {
    }

    private final String leadServiceUrl;

    public Leads(String leadServiceUrl) {
        this.leadServiceUrl = leadServiceUrl;
    }

    public BenchDealer createDealer(int number, String timeZone, String state, int reps) {
        Map<String, Object> dealer = new LinkedHashMap<>();
        dealer.put("name", "Bench Motors " + number);
        dealer.put("timeZone", timeZone);
        dealer.put("country", "US");
        dealer.put("state", state);
        dealer.put("textingNumber", String.format("+1512%07d", 2_000_100 + number));
        dealer.put("contactPhone", String.format("+1512%07d", 3_000_100 + number));
        JsonNode created = Http.post(leadServiceUrl + "/admin/dealers", Platform.adminToken("lead-service"), dealer, 201);
        String dealerId = created.get("id").asText();
        List<String> repIds = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            Map<String, Object> rep = new LinkedHashMap<>();
            rep.put("name", "Rep " + number + "-" + r);
            rep.put("phone", String.format("+1512%07d", 4_000_000 + number * 100 + r));
            rep.put("email", "rep" + number + "-" + r + "@bench.example.com");
            rep.put("dailyCallCapacity", 500);
            repIds.add(Http.post(leadServiceUrl + "/admin/dealers/" + dealerId + "/reps", Platform.adminToken("lead-service"), rep, 201)
                    .get("id").asText());
        }
        JsonNode key = Http.post(leadServiceUrl + "/admin/dealers/" + dealerId + "/api-keys", Platform.adminToken("lead-service"),
                Map.of("label", "bench", "ratePerSecond", 100_000, "burst", 100_000), 201);
        return new BenchDealer(dealerId, key.get("key").asText(), repIds, timeZone);
    }

    /**
     * A distinct, valid US mobile number for lead {@code index} in area code {@code areaCode}: exchange 234..899
     * without N11 and 555, four-digit line.
     */
    public static String phone(String areaCode, long index) {
        long line = index % 10_000;
        long exchange = 234 + (index / 10_000);
        while (exchange % 100 == 11 || exchange == 555) {
            exchange++;
        }
        if (exchange > 899) {
            throw new IllegalArgumentException("too many leads for one area code: " + index);
        }
        return String.format("+1%s%03d%04d", areaCode, exchange, line);
    }

    /** The JSON body of a website lead with text consent, distinct phone and email. */
    public static String leadJson(String phone, long index, String runTag) {
        return "{\"source\":\"website\",\"provider\":\"bench\","
                + "\"customer\":{\"firstName\":\"Alex\",\"lastName\":\"Bench" + index + "\",\"phone\":\"" + phone
                + "\",\"phoneType\":\"mobile\",\"email\":\"lead" + index + "-" + runTag
                + "@bench.example.com\",\"postalCode\":\"78701\",\"preferredContact\":\"text\"},"
                + "\"vehicles\":[{\"year\":2025,\"make\":\"Toyota\",\"model\":\"Camry\",\"trim\":\"SE\","
                + "\"condition\":\"new\",\"interest\":\"buy\"}],"
                + "\"comments\":\"Is it still available? Can I come by on Saturday?\",\"timeframe\":\"within 2 weeks\","
                + "\"consent\":{\"textConsent\":true,\"text\":\"I agree to receive text messages from the dealer.\","
                + "\"capturedAt\":\"" + Instant.now() + "\",\"page\":\"https://dealer.example.com/inventory/camry\","
                + "\"ip\":\"203.0.113.7\"}}";
    }

    /** {@code count} dealers, numbered from 0, each with {@code reps} reps and an API key. */
    public List<BenchDealer> createDealers(int count, String timeZone, String state, int reps) {
        List<BenchDealer> dealers = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            dealers.add(createDealer(d, timeZone, state, reps));
        }
        return dealers;
    }

    /** Lead number {@code index} of a run: to the dealers in turn, with a phone of its own in the area code. */
    public HttpRequest textableLead(List<BenchDealer> dealers, String areaCode, long index, String runTag) {
        return postLead(dealers.get((int) (index % dealers.size())).apiKey(), leadJson(phone(areaCode, index), index, runTag));
    }

    public HttpRequest postLead(String apiKey, String json) {
        return HttpRequest.newBuilder(URI.create(leadServiceUrl + "/leads")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }
}
