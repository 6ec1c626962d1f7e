package dev.followup.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.followup.testing.processes.Platform;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A dealer set up the way a dealership's ops team would: through lead-service's admin API only. Other services
 * learn of it from the dealer directory topic; {@link #open} waits until task-service knows every rep, which is the
 * directory record having crossed from lead-service to task-service over the broker.
 */
final class Dealership {
    final String dealerId;
    final String apiKey;
    final String textingNumber;
    final List<String> repIds;
    final Map<String, String> repTokens;
    private final Platform platform;

    private Dealership(Platform platform, String dealerId, String apiKey, String textingNumber, List<String> repIds,
            Map<String, String> repTokens) {
        this.platform = platform;
        this.dealerId = dealerId;
        this.apiKey = apiKey;
        this.textingNumber = textingNumber;
        this.repIds = repIds;
        this.repTokens = repTokens;
    }

    private static final java.util.concurrent.atomic.AtomicInteger NUMBERS =
            new java.util.concurrent.atomic.AtomicInteger(ThreadLocalRandom.current().nextInt(5_000_000));

    /** A texting number no other dealer of this run holds (an active dealer's number is its alone). */
    static String freshNumber() {
        return String.format("+1512%07d", 2_000_000 + NUMBERS.getAndIncrement() % 8_000_000);
    }

    static Dealership open(Platform platform, String name, String timeZone, String state, int reps, int dailyCallCapacity) {
        return open(platform, name, timeZone, state, reps, dailyCallCapacity, Map.of());
    }

    /** @param settings more dealer settings (sendRatePerMinute, optOutScope, mailingAddress ...) */
    static Dealership open(Platform platform, String name, String timeZone, String state, int reps, int dailyCallCapacity,
            Map<String, Object> settings) {
        String textingNumber = freshNumber();
        Map<String, Object> dealer = new java.util.HashMap<>(Map.of("name", name, "timeZone", timeZone, "country", "US",
                "state", state, "textingNumber", textingNumber, "contactPhone", "+15125550199",
                "contactEmail", "sales@dealer.example.com"));
        dealer.putAll(settings);
        String dealerId = admin(platform).body(dealer).post("/admin/dealers").then().statusCode(201).extract().path("id");
        List<String> repIds = new ArrayList<>();
        for (int i = 1; i <= reps; i++) {
            repIds.add(admin(platform).body(Map.of("name", "Rep " + i, "dailyCallCapacity", dailyCallCapacity))
                    .post("/admin/dealers/" + dealerId + "/reps").then().statusCode(201).extract().path("id"));
        }
        String apiKey = admin(platform).body(Map.of("label", "website"))
                .post("/admin/dealers/" + dealerId + "/api-keys").then().statusCode(201).extract().path("key");
        Map<String, String> tokens = new java.util.HashMap<>();
        for (String repId : repIds) {
            tokens.put(repId, await("rep " + repId + " reaches task-service").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).until(() -> repToken(platform, repId), t -> t != null));
        }
        return new Dealership(platform, dealerId, apiKey, textingNumber, repIds, tokens);
    }

    /** POST /leads as JSON. @return the intake answer */
    Response postLead(Map<String, Object> lead) {
        return given().baseUri(platform.lead().baseUrl()).header("X-Api-Key", apiKey).contentType(ContentType.JSON)
                .body(lead).post("/leads");
    }

    Response postAdf(String xml) {
        return given().baseUri(platform.lead().baseUrl()).header("X-Api-Key", apiKey)
                .contentType("application/xml").body(xml).post("/leads");
    }

    Response recordVisit(String leadId) {
        return given().baseUri(platform.lead().baseUrl()).header("X-Api-Key", apiKey).contentType(ContentType.JSON)
                .body(Map.of()).post("/leads/" + leadId + "/visits");
    }

    Response changeStatus(String leadId, String status) {
        return given().baseUri(platform.lead().baseUrl()).header("X-Api-Key", apiKey).contentType(ContentType.JSON)
                .body(Map.of("status", status)).post("/leads/" + leadId + "/status");
    }

    /** The rep's list as the rep sees it (GET /reps/{repId}/tasks with the rep's own token). */
    List<Map<String, Object>> tasksOf(String repId) {
        return given().baseUri(platform.task().baseUrl()).auth().oauth2(repTokens.get(repId))
                .get("/reps/" + repId + "/tasks").then().statusCode(200).extract().path("tasks");
    }

    /** The rep's inbox page as the rep's browser gets it: the session cookie holds the rep's token. */
    String inboxOf(String repId) {
        return given().baseUri(platform.task().baseUrl()).cookie("followup_inbox", repTokens.get(repId)).get("/inbox")
                .then().statusCode(200).extract().asString();
    }

    Response completeTask(String repId, String taskId, Map<String, Object> completion) {
        return given().baseUri(platform.task().baseUrl()).auth().oauth2(repTokens.get(repId))
                .contentType(ContentType.JSON).body(completion).post("/tasks/" + taskId + "/complete");
    }

    private static String repToken(Platform platform, String repId) {
        Response response = given().baseUri(platform.task().baseUrl()).auth().oauth2(platform.task().adminToken())
                .contentType(ContentType.JSON).body(Map.of("repId", repId)).post("/auth/tokens");
        return response.statusCode() == 200 ? response.path("token") : null;
    }

    /** lead-service's admin API. */
    static io.restassured.specification.RequestSpecification admin(Platform platform) {
        return admin(platform.lead());
    }

    /** A service's admin API, with that service's own admin token. */
    static io.restassured.specification.RequestSpecification admin(dev.followup.testing.processes.ServiceProcess service) {
        return given().baseUri(service.baseUrl()).auth().oauth2(service.adminToken()).contentType(ContentType.JSON);
    }
}
