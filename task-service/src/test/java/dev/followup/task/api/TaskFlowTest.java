package dev.followup.task.api;

import static dev.followup.task.TaskFixtures.PATIENCE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.TopicReader;
import dev.followup.platform.events.ContractRegistry;
import dev.followup.platform.time.MovableClock;
import dev.followup.task.TaskFixtures;
import dev.followup.task.TaskFixtures.Team;
import dev.followup.task.TaskFixtures.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Task commands in, the rep's ranked list and task.completed out, against the real broker and database. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class TaskFlowTest {
    @Inject
    MovableClock clock;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper mapper;

    @Test
    void createTaskCommandsBecomeTodaysRankedList() {
        Instant now = clock.instant();
        Team team = Team.create(now);
        Tokens tokens = team.awaitTokens();
        UUID lead = UUID.randomUUID();
        UUID laterLow = UUID.randomUUID();
        UUID laterHigh = UUID.randomUUID();
        UUID soonHigh = UUID.randomUUID();
        UUID overdueLow = UUID.randomUUID();
        UUID overdueReply = UUID.randomUUID();
        UUID tomorrow = UUID.randomUUID();
        UUID someoneElses = UUID.randomUUID();
        send(laterLow, lead, team, team.repA(), "call", now.plus(Duration.ofHours(1)), 50, "later low");
        send(laterHigh, lead, team, team.repA(), "call", now.plus(Duration.ofHours(2)), 80, "later high");
        send(soonHigh, lead, team, team.repA(), "text", now.plus(Duration.ofMinutes(30)), 80, "soon high");
        send(overdueLow, lead, team, team.repA(), "call", now.minus(Duration.ofHours(2)), 30, "overdue low");
        send(overdueReply, lead, team, team.repA(), "replied-customer", now.minus(Duration.ofMinutes(5)), 95, "overdue reply");
        send(tomorrow, lead, team, team.repA(), "call", now.plus(Duration.ofDays(1)), 99, "tomorrow");
        send(someoneElses, lead, team, team.repB(), "call", now.plus(Duration.ofHours(1)), 99, "rep B's");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listIds(tokens.repA(), team.repA()))
                .containsExactly(overdueReply, overdueLow, soonHigh, laterHigh, laterLow));

        JsonPath list = given().auth().oauth2(tokens.repA()).get("/reps/{repId}/tasks", team.repA())
                .then().statusCode(200).extract().jsonPath();
        assertThat(list.getString("timeZone")).isEqualTo(team.zone().getId());
        assertThat(list.getString("date")).isEqualTo(now.atZone(team.zone()).toLocalDate().toString());
        assertThat(list.getInt("count")).isEqualTo(5);
        Map<String, Object> first = list.getMap("tasks[0]");
        assertThat(first).containsEntry("kind", "replied-customer").containsEntry("overdue", true)
                .containsEntry("priority", 95).containsEntry("urgent", true).containsEntry("reason", "overdue reply")
                .containsEntry("leadId", lead.toString()).containsEntry("status", "open");
        assertThat(list.getString("tasks[0].lead.displayName")).isEqualTo("Customer overdue reply");
        assertThat(list.getString("tasks[0].lead.phone")).isEqualTo("+15125550123");
        assertThat(list.getString("tasks[0].lead.vehicle")).isEqualTo("2024 Honda CR-V");
        assertThat(list.getFloat("tasks[0].score.factors.recency")).isEqualTo(0.4f);
        assertThat(list.getBoolean("tasks[2].overdue")).isFalse();
        // Rep B's list has rep B's task only.
        assertThat(listIds(tokens.repB(), team.repB())).containsExactly(someoneElses);
    }

    @Test
    void aRepeatedCreateTaskCommandCreatesOneTask() throws SQLException {
        Instant now = clock.instant();
        Team team = Team.create(now);
        Tokens tokens = team.awaitTokens();
        UUID lead = UUID.randomUUID();
        UUID taskId = UUID.randomUUID();
        Map<String, Object> command = TaskFixtures.createTask(taskId, lead, team.dealerId(), team.repA(), "call",
                now.plus(Duration.ofHours(1)), 60, "first copy", now);
        UUID eventId = UUID.randomUUID();
        TaskFixtures.send("cadence-commands", lead.toString(), "followup.create-task.v1", command, eventId);
        // The same record redelivered, and the command issued again under a new event id with other details.
        TaskFixtures.send("cadence-commands", lead.toString(), "followup.create-task.v1", command, eventId);
        Map<String, Object> reissued = TaskFixtures.createTask(taskId, lead, team.dealerId(), team.repA(), "call",
                now.plus(Duration.ofHours(3)), 10, "second copy", now);
        TaskFixtures.sendCreateTask(reissued);
        UUID marker = UUID.randomUUID();
        send(marker, lead, team, team.repA(), "call", now.plus(Duration.ofHours(4)), 5, "marker");

        // Same lead key, same partition: once the marker is listed, every copy before it has been handled.
        await().atMost(PATIENCE).until(() -> listIds(tokens.repA(), team.repA()).contains(marker));
        assertThat(listIds(tokens.repA(), team.repA())).containsExactly(taskId, marker);
        assertThat(count("select count(*) from task where task_id = ?", taskId)).isEqualTo(1);
        given().auth().oauth2(tokens.repA()).get("/reps/{repId}/tasks", team.repA()).then()
                .body("tasks[0].reason", equalTo("first copy")).body("tasks[0].priority", equalTo(60));
    }

    @Test
    void cancelDropsTheLeadsOpenTasksCreatedBeforeIt() throws SQLException {
        Instant now = clock.instant();
        Team team = Team.create(now);
        Tokens tokens = team.awaitTokens();
        UUID lead = UUID.randomUUID();
        UUID otherLead = UUID.randomUUID();
        UUID call = UUID.randomUUID();
        UUID text = UUID.randomUUID();
        UUID reply = UUID.randomUUID();
        UUID completed = UUID.randomUUID();
        UUID otherLeadsCall = UUID.randomUUID();
        UUID createdAfterCancel = UUID.randomUUID();
        Instant created = now.minus(Duration.ofMinutes(10));
        Instant due = now.plus(Duration.ofHours(1));
        TaskFixtures.sendCreateTask(TaskFixtures.createTask(call, lead, team.dealerId(), team.repA(), "call", due, 50, "call", created));
        TaskFixtures.sendCreateTask(TaskFixtures.createTask(text, lead, team.dealerId(), team.repA(), "text", due, 40, "text", created));
        TaskFixtures.sendCreateTask(TaskFixtures.createTask(reply, lead, team.dealerId(), team.repA(), "replied-customer", due, 95, "reply", created));
        TaskFixtures.sendCreateTask(TaskFixtures.createTask(completed, lead, team.dealerId(), team.repA(), "call", due, 45, "done", created));
        TaskFixtures.sendCreateTask(TaskFixtures.createTask(otherLeadsCall, otherLead, team.dealerId(), team.repA(), "call", due, 50, "other", created));
        await().atMost(PATIENCE).until(() -> listIds(tokens.repA(), team.repA()).size() == 5);
        complete(tokens.repA(), completed, Map.of("outcome", "no-answer")).then().statusCode(200);

        Instant cancelledAt = now;
        TaskFixtures.sendCreateTask(TaskFixtures.createTask(createdAfterCancel, lead, team.dealerId(), team.repA(), "call", due, 70,
                "after", now.plus(Duration.ofSeconds(1))));
        TaskFixtures.sendCancel(lead, team.dealerId(), "automated", cancelledAt);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listIds(tokens.repA(), team.repA()))
                .containsExactlyInAnyOrder(reply, otherLeadsCall, createdAfterCancel));
        assertThat(status(call)).isEqualTo("cancelled");
        assertThat(status(text)).isEqualTo("cancelled");
        assertThat(status(completed)).isEqualTo("done");

        TaskFixtures.sendCancel(lead, team.dealerId(), "all", cancelledAt);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(listIds(tokens.repA(), team.repA()))
                .containsExactlyInAnyOrder(otherLeadsCall, createdAfterCancel));
        assertThat(status(reply)).isEqualTo("cancelled");
    }

    @Test
    void completingPublishesTaskCompletedWithTheOutcomeOnce() throws Exception {
        Instant now = clock.instant();
        Team team = Team.create(now);
        Tokens tokens = team.awaitTokens();
        UUID lead = UUID.randomUUID();
        UUID taskId = UUID.randomUUID();
        send(taskId, lead, team, team.repA(), "replied-customer", now.plus(Duration.ofMinutes(10)), 95, "replied");
        await().atMost(PATIENCE).until(() -> listIds(tokens.repA(), team.repA()).contains(taskId));

        // Refused input changes nothing.
        complete(tokens.repA(), taskId, Map.of("note", "no outcome")).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("outcome"));
        complete(tokens.repA(), taskId, Map.of("outcome", "maybe")).then().statusCode(400).body("field", equalTo("outcome"));
        complete(tokens.repA(), taskId, Map.of("outcome", "appointment-set")).then().statusCode(400)
                .body("field", equalTo("appointmentAt"));
        complete(tokens.repA(), taskId, Map.of("outcome", "appointment-set", "appointmentAt", "tomorrow at five"))
                .then().statusCode(400).body("field", equalTo("appointmentAt"));
        complete(tokens.repA(), taskId, Map.of("outcome", "sold", "note", "x".repeat(2001))).then().statusCode(400)
                .body("field", equalTo("note"));
        assertThat(status(taskId)).isEqualTo("open");

        Instant appointment = now.plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        complete(tokens.repA(), taskId, Map.of("outcome", "appointment-set", "appointmentAt", appointment.toString(),
                "note", "Coming in with his wife")).then().statusCode(200)
                .body("status", equalTo("done")).body("outcome", equalTo("appointment-set"));
        complete(tokens.repA(), taskId, Map.of("outcome", "sold")).then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409));
        given().auth().oauth2(tokens.repA()).get("/reps/{repId}/tasks", team.repA()).then()
                .body("tasks.id", not(hasItem(taskId.toString())));

        List<ConsumerRecord<String, String>> events = awaitCompletedEvents(taskId, 1);
        ConsumerRecord<String, String> event = events.get(0);
        assertThat(event.key()).isEqualTo(lead.toString());
        assertThat(TopicReader.header(event, "ce_type")).isEqualTo("task.completed.v1");
        assertThat(TopicReader.header(event, "ce_source")).isEqualTo("task-service");
        assertThat(UUID.fromString(TopicReader.header(event, "ce_id"))).isNotNull();
        assertThat(Instant.parse(TopicReader.header(event, "ce_time"))).isNotNull();
        JsonNode payload = mapper.readTree(event.value());
        assertThat(new ContractRegistry().violations("task.completed.v1", payload)).isEmpty();
        assertThat(payload.path("taskId").asText()).isEqualTo(taskId.toString());
        assertThat(payload.path("leadId").asText()).isEqualTo(lead.toString());
        assertThat(payload.path("dealerId").asText()).isEqualTo(team.dealerId().toString());
        assertThat(payload.path("repId").asText()).isEqualTo(team.repA().toString());
        assertThat(payload.path("kind").asText()).isEqualTo("replied-customer");
        assertThat(payload.path("outcome").asText()).isEqualTo("appointment-set");
        assertThat(Instant.parse(payload.path("appointmentAt").asText())).isEqualTo(appointment);
        assertThat(payload.path("note").asText()).isEqualTo("Coming in with his wife");
    }

    @Test
    void snoozeMovesATaskOffTodaysListAndRefusesThePast() {
        Instant now = clock.instant();
        Team team = Team.create(now);
        Tokens tokens = team.awaitTokens();
        UUID lead = UUID.randomUUID();
        UUID taskId = UUID.randomUUID();
        send(taskId, lead, team, team.repA(), "call", now.plus(Duration.ofMinutes(30)), 50, "snooze me");
        await().atMost(PATIENCE).until(() -> listIds(tokens.repA(), team.repA()).contains(taskId));

        snooze(tokens.repA(), taskId, now.minus(Duration.ofHours(1))).then().statusCode(400).body("field", equalTo("until"));
        snooze(tokens.repA(), taskId, now.plus(Duration.ofDays(31))).then().statusCode(400).body("field", equalTo("until"));
        given().auth().oauth2(tokens.repA()).contentType(ContentType.JSON).body("{}")
                .post("/tasks/{id}/snooze", taskId).then().statusCode(400).body("field", equalTo("until"));
        Instant until = now.plus(Duration.ofDays(2));
        snooze(tokens.repA(), taskId, until).then().statusCode(200).body("dueAt", equalTo(until.toString()));
        assertThat(listIds(tokens.repA(), team.repA())).doesNotContain(taskId);
    }

    @Test
    void aManagerReassignsWithinTheDealerAndSeesThePerRepSummary() {
        Instant now = clock.instant();
        Team team = Team.create(now);
        Tokens tokens = team.awaitTokens();
        UUID lead = UUID.randomUUID();
        UUID moved = UUID.randomUUID();
        UUID overdue = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        UUID nextWeek = UUID.randomUUID();
        send(moved, lead, team, team.repA(), "call", now.plus(Duration.ofHours(1)), 50, "moved");
        send(overdue, lead, team, team.repA(), "call", now.minus(Duration.ofHours(1)), 50, "overdue");
        send(later, lead, team, team.repA(), "text", now.plus(Duration.ofHours(2)), 40, "later");
        send(done, lead, team, team.repA(), "call", now.plus(Duration.ofHours(3)), 30, "done");
        send(nextWeek, lead, team, team.repA(), "call", now.plus(Duration.ofDays(7)), 30, "next week");
        await().atMost(PATIENCE).until(() -> listIds(tokens.repA(), team.repA()).size() == 4);
        complete(tokens.repA(), done, Map.of("outcome", "reached")).then().statusCode(200);

        given().auth().oauth2(tokens.manager()).contentType(ContentType.JSON).body(Map.of("repId", team.repB().toString()))
                .post("/tasks/{id}/reassign", moved).then().statusCode(200).body("repId", equalTo(team.repB().toString()));
        assertThat(listIds(tokens.repB(), team.repB())).containsExactly(moved);
        assertThat(listIds(tokens.repA(), team.repA())).containsExactly(overdue, later);
        // Not to someone outside the dealer, nor to nobody.
        given().auth().oauth2(tokens.manager()).contentType(ContentType.JSON).body(Map.of("repId", UUID.randomUUID().toString()))
                .post("/tasks/{id}/reassign", moved).then().statusCode(422).body("field", equalTo("repId"));
        given().auth().oauth2(tokens.manager()).contentType(ContentType.JSON).body("{}")
                .post("/tasks/{id}/reassign", moved).then().statusCode(400).body("field", equalTo("repId"));

        JsonPath summary = given().auth().oauth2(tokens.manager()).get("/dealers/{id}/summary", team.dealerId())
                .then().statusCode(200).extract().jsonPath();
        assertThat(summary.getString("timeZone")).isEqualTo(team.zone().getId());
        Map<String, Object> repA = summary.getMap("reps.find { it.repId == '" + team.repA() + "' }");
        // open: overdue, later, next week; due today: overdue, later; overdue: 1; done today: 1.
        assertThat(repA).containsEntry("name", "Rep A").containsEntry("open", 3).containsEntry("dueToday", 2)
                .containsEntry("overdue", 1).containsEntry("doneToday", 1);
        Map<String, Object> repB = summary.getMap("reps.find { it.repId == '" + team.repB() + "' }");
        assertThat(repB).containsEntry("open", 1).containsEntry("dueToday", 1).containsEntry("overdue", 0)
                .containsEntry("doneToday", 0);
        Map<String, Object> manager = summary.getMap("reps.find { it.repId == '" + team.manager() + "' }");
        assertThat(manager).containsEntry("role", "manager").containsEntry("open", 0);
    }

    private static void send(UUID taskId, UUID lead, Team team, UUID repId, String kind, Instant due, int priority,
            String reason) {
        TaskFixtures.sendCreateTask(TaskFixtures.createTask(taskId, lead, team.dealerId(), repId, kind, due, priority,
                reason, Instant.now()));
    }

    static List<UUID> listIds(String token, UUID repId) {
        return given().auth().oauth2(token).get("/reps/{repId}/tasks", repId).then().statusCode(200).extract()
                .jsonPath().getList("tasks.id", String.class).stream().map(UUID::fromString).toList();
    }

    static io.restassured.response.Response complete(String token, UUID taskId, Map<String, ?> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/tasks/{id}/complete", taskId);
    }

    static io.restassured.response.Response snooze(String token, UUID taskId, Instant until) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("until", until.toString()))
                .post("/tasks/{id}/snooze", taskId);
    }

    static List<ConsumerRecord<String, String>> awaitCompletedEvents(UUID taskId, int expected) {
        await().atMost(PATIENCE).until(() -> completedEvents(taskId).size() >= expected);
        List<ConsumerRecord<String, String>> events = completedEvents(taskId);
        assertThat(events).hasSize(expected);
        return events;
    }

    private static List<ConsumerRecord<String, String>> completedEvents(UUID taskId) {
        return TopicReader.readAll(TaskFixtures.bootstrap(), "task-events").stream()
                .filter(r -> r.value().contains(taskId.toString())).toList();
    }

    private String status(UUID taskId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select status from task where task_id = ?")) {
            query.setObject(1, taskId);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long count(String sql, UUID parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
