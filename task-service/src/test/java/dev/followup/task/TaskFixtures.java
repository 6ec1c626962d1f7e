package dev.followup.task;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.TestEvents;
import io.restassured.http.ContentType;

/**
 * Feeds the service the way production does: directory records and cadence commands on the real topics, with
 * CloudEvents headers; tokens through POST /auth/tokens with the admin token.
 */
public final class TaskFixtures {
    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TaskFixtures() {
    }

    public static String bootstrap() {
        return RealInfrastructure.servers().kafkaBootstrap();
    }

    /**
     * A fixed-offset zone in which it is about noon at {@code now}, so "due later today" and "overdue" both have
     * hours of room whatever time the tests run.
     */
    public static ZoneId zoneWhereItIsNoon(Instant now) {
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        int offset = 12 - hour;
        // Etc/GMT zones have inverted signs: Etc/GMT-5 is UTC+5.
        return offset == 0 ? ZoneId.of("Etc/GMT") : ZoneId.of("Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
    }

    public static void send(String topic, String key, String type, Object payload) {
        send(topic, key, type, payload, UUID.randomUUID());
    }

    public static void send(String topic, String key, String type, Object payload, UUID eventId) {
        try {
            TestEvents.publish(topic, key, type, eventId, JSON.writeValueAsBytes(payload));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not serialise " + type, e);
        }
    }

    public static void dealer(UUID dealerId, ZoneId zone, Instant updatedAt) {
        Map<String, Object> dealer = new LinkedHashMap<>();
        dealer.put("dealerId", dealerId);
        dealer.put("name", "Test Motors " + dealerId.toString().substring(0, 8));
        dealer.put("timeZone", zone.getId());
        dealer.put("country", "US");
        dealer.put("killSwitch", false);
        dealer.put("active", true);
        dealer.put("updatedAt", updatedAt);
        send("dealer-directory", dealerId.toString(), "directory.dealer.v1", dealer);
    }

    public static void rep(UUID repId, UUID dealerId, String name, String role, boolean active, Instant updatedAt) {
        Map<String, Object> rep = new LinkedHashMap<>();
        rep.put("repId", repId);
        rep.put("dealerId", dealerId);
        rep.put("name", name);
        rep.put("phone", "+15125550142");
        rep.put("email", "rep@example.com");
        rep.put("dailyCallCapacity", 25);
        rep.put("active", active);
        rep.put("role", role);
        rep.put("updatedAt", updatedAt);
        send("dealer-directory", repId.toString(), "directory.rep.v1", rep);
    }

    /** Waits until the directory record reached the service, then returns the rep's API token. */
    public static String tokenFor(UUID repId) {
        await().atMost(PATIENCE).until(() -> issue(repId).statusCode() == 200);
        return issue(repId).jsonPath().getString("token");
    }

    public static io.restassured.response.Response issue(UUID repId) {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("repId", repId.toString())).post("/auth/tokens");
    }

    public static Map<String, Object> createTask(UUID taskId, UUID leadId, UUID dealerId, UUID repId, String kind,
            Instant dueAt, int priority, String reason, Instant createdAt) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("taskId", taskId);
        command.put("leadId", leadId);
        command.put("dealerId", dealerId);
        command.put("repId", repId);
        command.put("kind", kind);
        command.put("dueAt", dueAt);
        command.put("priority", priority);
        command.put("urgent", "replied-customer".equals(kind));
        command.put("reason", reason);
        command.put("score", Map.of("value", priority / 100.0, "factors", Map.of("recency", 0.4, "engagement", 0.2)));
        command.put("lead", Map.of("displayName", "Customer " + reason, "phone", "+15125550123", "vehicle", "2024 Honda CR-V"));
        command.put("createdAt", createdAt);
        return command;
    }

    public static void sendCreateTask(Map<String, Object> command) {
        send("cadence-commands", command.get("leadId").toString(), "followup.create-task.v1", command);
    }

    public static void sendCreateTaskV2(Map<String, Object> command) {
        send("cadence-commands", command.get("leadId").toString(), "followup.create-task.v2", command);
    }

    public static void sendCancel(UUID leadId, UUID dealerId, String scope, Instant cancelledAt) {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("leadId", leadId);
        command.put("dealerId", dealerId);
        command.put("scope", scope);
        command.put("reason", "customer replied");
        command.put("cancelledAt", cancelledAt);
        send("cadence-commands", leadId.toString(), "followup.cancel-tasks.v1", command);
    }

    /** A dealer with a rep A, a rep B and a manager, in a zone where it is about noon. */
    public record Team(UUID dealerId, ZoneId zone, UUID repA, UUID repB, UUID manager) {
        public static Team create(Instant now) {
            Team team = new Team(UUID.randomUUID(), zoneWhereItIsNoon(now), UUID.randomUUID(), UUID.randomUUID(),
                    UUID.randomUUID());
            dealer(team.dealerId, team.zone, now);
            rep(team.repA, team.dealerId, "Rep A", "rep", true, now);
            rep(team.repB, team.dealerId, "Rep B", "rep", true, now);
            rep(team.manager, team.dealerId, "Manager M", "manager", true, now);
            return team;
        }

        /** Waits until the service holds the dealer and its reps; returns the tokens of A, B and the manager. */
        public Tokens awaitTokens() {
            Tokens tokens = new Tokens(tokenFor(repA), tokenFor(repB), tokenFor(manager));
            await().atMost(PATIENCE).until(() -> zone.getId().equals(given().auth().oauth2(tokens.repA())
                    .get("/reps/{repId}/tasks", repA).jsonPath().getString("timeZone")));
            return tokens;
        }
    }

    public record Tokens(String repA, String repB, String manager) {
    }
}
