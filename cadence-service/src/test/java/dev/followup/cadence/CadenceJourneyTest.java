package dev.followup.cadence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Lead journeys over the real broker and database: lead-events in, cadence-commands out. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class CadenceJourneyTest extends CadenceTestSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void leadInsideTheWindowGetsItsFirstTextAtOnce() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 10);
        Instant tenAm = moveToNext(LocalTime.of(10, 0), CHICAGO);
        UUID leadId = UUID.randomUUID();
        String phone = chicagoPhone();
        leadCreated(leadId, dealerId, repId, phone, "website");

        await().atMost(PATIENCE).until(() -> !commands(leadId, "followup.send-message.v1").isEmpty());
        List<JsonNode> texts = commands(leadId, "followup.send-message.v1");
        assertThat(texts).hasSize(1);
        JsonNode text = texts.get(0);
        assertThat(text.get("idempotencyKey").asText()).isEqualTo(leadId + ":new-lead.1.first-touch");
        assertThat(text.get("to").asText()).isEqualTo(phone);
        assertThat(text.get("purpose").asText()).isEqualTo("first-touch");
        assertThat(text.get("body").asText()).startsWith("Hi James, this is Maria at Hill Country Honda")
                .contains("2024 Honda CR-V").endsWith("Reply STOP to opt out.");
        assertThat(Instant.parse(text.get("requestedAt").asText())).isBetween(tenAm, tenAm.plusSeconds(60));
        assertThat(Instant.parse(text.get("sendBefore").asText()))
                .isEqualTo(at(tenAm.atZone(CHICAGO).toLocalDate(), LocalTime.of(21, 0), CHICAGO));
        assertThat(TopicReader.header(commands(leadId).get(0), "ce_source")).isEqualTo("cadence-service");
        // The next step (a call task an hour later) waits on a durable timer.
        assertThat(count("select count(*) from scheduled_tasks where task_instance like ?", leadId + "/%")).isEqualTo(1);
    }

    @Test
    void leadOutsideTheWindowIsTextedAt8LocalWhenTheTimerFires() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 10);
        Instant lateEvening = moveToNext(LocalTime.of(22, 30), CHICAGO);
        LocalDate nextDay = lateEvening.atZone(CHICAGO).toLocalDate().plusDays(1);
        Instant eightAm = at(nextDay, LocalTime.of(8, 0), CHICAGO);
        UUID leadId = UUID.randomUUID();
        leadCreated(leadId, dealerId, repId, chicagoPhone(), "website");

        await().atMost(PATIENCE).until(() -> count(
                "select count(*) from decision where lead_id = ? and kind = 'text-deferred'", leadId) == 1);
        assertThat(count("select count(*) from decision where lead_id = ? and kind = 'text-deferred' and effective_at = ?",
                leadId, java.sql.Timestamp.from(eightAm))).isEqualTo(1);
        assertThat(publishedCommands(leadId, "followup.send-message.v1")).isEmpty();
        given().auth().oauth2("test-admin-token").get("/leads/" + leadId + "/timeline").then().statusCode(200)
                .body("entries.find { it.kind == 'text-deferred' }.reason",
                        org.hamcrest.Matchers.containsString("outside the sending window 08:00-21:00 America/Chicago"))
                .body("entries.find { it.state == 'planned' }.at", equalTo(eightAm.toString()));

        clock.moveTo(eightAm);
        await().atMost(PATIENCE).until(() -> !commands(leadId, "followup.send-message.v1").isEmpty());
        JsonNode text = commands(leadId, "followup.send-message.v1").get(0);
        assertThat(Instant.parse(text.get("requestedAt").asText())).isBetween(eightAm, eightAm.plusSeconds(60));
        assertThat(text.get("purpose").asText()).isEqualTo("first-touch");
    }

    @Test
    void replyPausesCancelsAutomatedTasksAndPutsAnUrgentTaskInFrontOfTheRep() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 10);
        moveToNext(LocalTime.of(10, 0), CHICAGO);
        UUID leadId = UUID.randomUUID();
        leadCreated(leadId, dealerId, repId, chicagoPhone(), "website");
        await().atMost(PATIENCE).until(() -> !commands(leadId, "followup.send-message.v1").isEmpty());

        UUID replyId = UUID.randomUUID();
        send("message-events", leadId.toString(), "message.reply-received.v1", Map.of("replyId", replyId.toString(),
                "leadId", leadId.toString(), "dealerId", dealerId.toString(), "intent", "other",
                "body", "Is it still available? Can I come by after 5?", "receivedAt", Instant.now().toString()));

        await().atMost(PATIENCE).until(() -> !commands(leadId, "followup.create-task.v2").isEmpty());
        JsonNode cancel = commands(leadId, "followup.cancel-tasks.v1").get(0);
        assertThat(cancel.get("scope").asText()).isEqualTo("automated");
        assertThat(cancel.get("reason").asText()).isEqualTo("customer replied");
        JsonNode task = commands(leadId, "followup.create-task.v2").get(0);
        assertThat(task.get("kind").asText()).isEqualTo("replied-customer");
        assertThat(task.get("urgent").asBoolean()).isTrue();
        assertThat(task.get("repId").asText()).isEqualTo(repId.toString());
        assertThat(task.get("reason").asText()).isEqualTo("Customer replied: \"Is it still available? Can I come by after 5?\"");
        assertThat(task.get("score").get("factors").has("engagement")).isTrue();

        // Days pass: the timers that were pending fire and do nothing; no further text, no plan call task.
        clock.advance(Duration.ofDays(3));
        await().atMost(PATIENCE).until(() -> noTimersLeft(leadId));
        assertThat(publishedCommands(leadId, "followup.send-message.v1")).hasSize(1);
        assertThat(publishedCommands(leadId, "followup.create-task.v2")).hasSize(1);
        given().auth().oauth2("test-admin-token").get("/leads/" + leadId + "/timeline").then().statusCode(200)
                .body("status", equalTo("paused"))
                .body("entries.kind", hasItem("paused"));
    }

    @Test
    void aVisitRequestGivesAConfirmAppointmentTaskAtTheProposedLocalTime() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 10);
        Instant tenAm = moveToNext(LocalTime.of(10, 0), CHICAGO);
        UUID leadId = texted(dealerId, repId);

        reply(leadId, dealerId, "appointment", "Yes! Can I come by Saturday at 11:30 to see it?",
                Map.of("proposed", Map.of("day", "saturday", "time", "11:30")));

        JsonNode task = awaitTask(leadId);
        LocalDate saturday = tenAm.atZone(CHICAGO).toLocalDate().with(java.time.temporal.TemporalAdjusters.nextOrSame(
                java.time.DayOfWeek.SATURDAY));
        assertThat(task.get("kind").asText()).isEqualTo("replied-customer");
        assertThat(task.get("reply").get("intent").asText()).isEqualTo("appointment");
        assertThat(Instant.parse(task.get("reply").get("proposedAt").asText())).isEqualTo(at(saturday, LocalTime.of(11, 30), CHICAGO));
        assertThat(task.get("reply").get("timeZone").asText()).isEqualTo("America/Chicago");
        assertThat(task.get("reason").asText()).startsWith("Wants to come in Sat ").contains("11:30 AM: \"Yes! Can I come by");
        assertThat(task.get("score").get("explanation").toString()).contains("replied once: +0.21", "source website: +0.16");
        assertThat(Duration.between(Instant.parse(task.get("createdAt").asText()), Instant.parse(task.get("dueAt").asText())))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void callMeAtFiveGivesAnUrgentCallTaskDueAtFiveWhereTheCustomerIs() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 10);
        Instant tenAm = moveToNext(LocalTime.of(10, 0), CHICAGO);
        UUID leadId = texted(dealerId, repId);

        reply(leadId, dealerId, "call-me", "Call me at 5", Map.of("proposed", Map.of("time", "17:00")));

        JsonNode task = awaitTask(leadId);
        assertThat(task.get("kind").asText()).isEqualTo("call");
        assertThat(task.get("urgent").asBoolean()).isTrue();
        assertThat(Instant.parse(task.get("dueAt").asText())).isEqualTo(at(tenAm.atZone(CHICAGO).toLocalDate(),
                LocalTime.of(17, 0), CHICAGO));
        assertThat(task.get("reply").get("intent").asText()).isEqualTo("call-me");
        assertThat(task.get("reason").asText()).startsWith("Asked for a call ").contains("5:00 PM");
    }

    @Test
    void boughtElsewhereEndsTheCadenceAndTheTaskProposesClosingAsLost() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 10);
        moveToNext(LocalTime.of(10, 0), CHICAGO);
        UUID leadId = texted(dealerId, repId);

        reply(leadId, dealerId, "not-looking", "Already bought one elsewhere, thanks",
                Map.of("notLookingReason", "bought-elsewhere"));

        JsonNode task = awaitTask(leadId);
        assertThat(task.get("reply").get("lostReason").asText()).isEqualTo("bought-elsewhere");
        assertThat(task.get("reason").asText()).startsWith("Not looking any more (bought elsewhere)").endsWith("Close the lead as lost?");
        assertThat(commands(leadId, "followup.cancel-tasks.v1").get(0).get("scope").asText()).isEqualTo("all");
        clock.advance(Duration.ofDays(15));
        await().atMost(PATIENCE).until(() -> noTimersLeft(leadId));
        assertThat(publishedCommands(leadId, "followup.send-message.v1")).hasSize(1);
        given().auth().oauth2("test-admin-token").get("/leads/" + leadId + "/timeline").then().statusCode(200)
                .body("status", equalTo("done"));
    }

    private UUID texted(UUID dealerId, UUID repId) {
        UUID leadId = UUID.randomUUID();
        leadCreated(leadId, dealerId, repId, chicagoPhone(), "website");
        await().atMost(PATIENCE).until(() -> !commands(leadId, "followup.send-message.v1").isEmpty());
        return leadId;
    }

    private static void reply(UUID leadId, UUID dealerId, String intent, String body, Map<String, Object> understood) {
        Map<String, Object> payload = new java.util.HashMap<>(Map.of("replyId", UUID.randomUUID().toString(),
                "leadId", leadId.toString(), "dealerId", dealerId.toString(), "intent", intent, "body", body,
                "receivedAt", Instant.now().toString()));
        payload.putAll(understood);
        send("message-events", leadId.toString(), "message.reply-received.v2", payload);
    }

    private JsonNode awaitTask(UUID leadId) {
        await().atMost(PATIENCE).until(() -> !commands(leadId, "followup.create-task.v2").isEmpty());
        return commands(leadId, "followup.create-task.v2").get(0);
    }

    @Test
    void soldStopsEverything() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 10);
        moveToNext(LocalTime.of(10, 0), CHICAGO);
        UUID leadId = UUID.randomUUID();
        leadCreated(leadId, dealerId, repId, chicagoPhone(), "website");
        await().atMost(PATIENCE).until(() -> !commands(leadId, "followup.send-message.v1").isEmpty());

        send("lead-events", leadId.toString(), "lead.status-changed.v1", Map.of("leadId", leadId.toString(),
                "dealerId", dealerId.toString(), "previousStatus", "open", "status", "sold",
                "changedAt", Instant.now().toString()));
        await().atMost(PATIENCE).until(() -> !commands(leadId, "followup.cancel-tasks.v1").isEmpty());
        assertThat(commands(leadId, "followup.cancel-tasks.v1").get(0).get("scope").asText()).isEqualTo("all");

        clock.advance(Duration.ofDays(15));
        await().atMost(PATIENCE).until(() -> noTimersLeft(leadId));
        assertThat(publishedCommands(leadId, "followup.send-message.v1")).hasSize(1);
        assertThat(publishedCommands(leadId, "followup.create-task.v2")).isEmpty();
        given().auth().oauth2("test-admin-token").get("/leads/" + leadId + "/timeline").then().statusCode(200)
                .body("status", equalTo("done"))
                .body("entries.state", org.hamcrest.Matchers.not(hasItem("planned")));
    }

    @Test
    void plansAreReadReplacedAndValidatedThroughTheAdminApi() {
        UUID dealerId = UUID.randomUUID();
        given().get("/dealers/" + dealerId + "/plans/new-lead").then().statusCode(401);
        given().auth().oauth2("test-admin-token").get("/dealers/" + dealerId + "/plans/new-lead").then().statusCode(200)
                .body("custom", equalTo(false)).body("steps[0].id", equalTo("first-touch"));
        given().auth().oauth2("test-admin-token").contentType("application/json")
                .body("{\"steps\":[{\"id\":\"hi\",\"offset\":\"PT0S\",\"channel\":\"text\",\"template\":\"Hi {firstName}\"},"
                        + "{\"id\":\"late-call\",\"offset\":\"P30D\",\"channel\":\"call\",\"template\":\"call\"}]}")
                .put("/dealers/" + dealerId + "/plans/new-lead").then().statusCode(400)
                .contentType("application/problem+json").body(org.hamcrest.Matchers.containsString("steps[1].offset"));
        given().auth().oauth2("test-admin-token").contentType("application/json")
                .body("{\"steps\":[{\"id\":\"hi\",\"offset\":\"PT0S\",\"channel\":\"text\",\"template\":\"Hi {firstName}\"},"
                        + "{\"id\":\"call\",\"offset\":\"P1D\",\"channel\":\"call\",\"template\":\"call\"}]}")
                .put("/dealers/" + dealerId + "/plans/new-lead").then().statusCode(200);
        given().auth().oauth2("test-admin-token").get("/dealers/" + dealerId + "/plans/new-lead").then().statusCode(200)
                .body("custom", equalTo(true)).body("steps.id", equalTo(List.of("hi", "call")));
        given().auth().oauth2("test-admin-token").get("/dealers/" + dealerId + "/plans/nonsense").then().statusCode(404);
    }

    @Test
    void previewShowsTheTimelineOfAHypotheticalLeadAndSendsNothing() {
        Instant start = Instant.parse("2030-01-07T03:30:00Z"); // 21:30 the evening before in Chicago
        given().auth().oauth2("test-admin-token").contentType("application/json")
                .body(Map.of("startAt", start.toString(), "customer", Map.of("firstName", "Ana", "phone", "+13125550111"),
                        "vehicle", "2024 Honda CR-V"))
                .post("/plans/preview").then().statusCode(200)
                .body("zone", equalTo("America/Chicago")).body("zoneBasis", equalTo("phone"))
                .body("entries[0].stepId", equalTo("first-touch"))
                .body("entries[0].at", equalTo("2030-01-07T14:00:00Z"))
                .body("entries[0].reason", org.hamcrest.Matchers.containsString("deferred"))
                .body("entries[0].body", org.hamcrest.Matchers.endsWith("Reply STOP to opt out."))
                .body("entries.size()", equalTo(10))
                .body("entries[1].kind", equalTo("call-task"));
        given().auth().oauth2("test-admin-token").contentType("application/json")
                .body(Map.of("customer", Map.of("phone", "555-0111"))).post("/plans/preview").then().statusCode(400)
                .body(org.hamcrest.Matchers.containsString("customer.phone"));
        assertThat(count("select count(*) from lead_cadence where lead_id = ?", new UUID(0, 0))).isZero();
    }

    @Test
    void aTextWhoseWindowClosedWhileQueuedIsRetriedAtTheNextWindowBoundedAndAFailedTextNeverBecomesAnotherText() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 0); // every call is over the cap
        moveToNext(LocalTime.of(20, 50), CHICAGO);
        UUID leadId = UUID.randomUUID();
        leadCreated(leadId, dealerId, repId, chicagoPhone(), "website");
        await().atMost(PATIENCE).until(() -> commands(leadId, "followup.send-message.v1").size() == 1);
        String firstTouch = leadId + ":new-lead.1.first-touch";

        // It waited in the dealer's send queue past 21:00: messaging refuses it, cadence retries at 08:00.
        clock.advance(Duration.ofMinutes(15));
        textFailed(leadId, dealerId, firstTouch, "failed", "window-closed", null);
        await().atMost(PATIENCE).until(() -> decisions(leadId, "retry-planned") == 1);
        await().atMost(PATIENCE).until(() -> decisions(leadId, "text-deferred") == 1);
        assertThat(publishedCommands(leadId, "followup.send-message.v1")).hasSize(1);
        Instant eight = at(clock.instant().atZone(CHICAGO).toLocalDate().plusDays(1), LocalTime.of(8, 0), CHICAGO);
        assertThat(count("select count(*) from decision where lead_id = ? and kind = 'text-deferred' and effective_at = ?",
                leadId, java.sql.Timestamp.from(eight))).isEqualTo(1);
        clock.moveTo(eight);
        await().atMost(PATIENCE).until(() -> commands(leadId, "followup.send-message.v1").size() == 2);
        JsonNode retried = commands(leadId, "followup.send-message.v1").get(1);
        assertThat(retried.get("idempotencyKey").asText()).isEqualTo(firstTouch + "~r1");
        assertThat(retried.get("purpose").asText()).isEqualTo("first-touch");

        // An earlier attempt's refusal arriving late changes nothing.
        textFailed(leadId, dealerId, firstTouch, "failed", "window-closed", null);
        await().atMost(PATIENCE).until(() -> decisions(leadId, "retry-noted") == 1);
        // Refusals that call for a fallback call: over the cap it is skipped, never turned into a text.
        textFailed(leadId, dealerId, firstTouch + "~r1", "failed", "kill-switch", null);
        await().atMost(PATIENCE).until(() -> count("select count(*) from decision where lead_id = ? and kind = 'call-skipped'"
                + " and reason like '%a fallback call over the cap is skipped, never turned into a text%'", leadId) == 1);
        textFailed(leadId, dealerId, firstTouch + "~r1", "undelivered", "carrier-error", 30007);
        await().atMost(PATIENCE).until(() -> decisions(leadId, "call-skipped") == 2);
        // The daily quota is final: recorded, given up, no fallback.
        textFailed(leadId, dealerId, firstTouch + "~r1", "failed", "quota-reached", null);
        await().atMost(PATIENCE).until(() -> count("select count(*) from decision where lead_id = ? and kind = 'text-failed'"
                + " and reason like 'not sent: quota reached%given up, no fallback'", leadId) == 1);

        assertThat(publishedCommands(leadId, "followup.send-message.v1")).hasSize(2);
        assertThat(publishedCommands(leadId, "followup.create-task.v2")).isEmpty();
    }

    @Test
    void textRefusedBecauseTheNumberOptedOutGetsNoFurtherTexts() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 10);
        moveToNext(LocalTime.of(10, 0), CHICAGO);
        UUID leadId = UUID.randomUUID();
        leadCreated(leadId, dealerId, repId, chicagoPhone(), "website");
        await().atMost(PATIENCE).until(() -> commands(leadId, "followup.send-message.v1").size() == 1);

        textFailed(leadId, dealerId, leadId + ":new-lead.1.first-touch", "failed", "opted-out", 21610);
        await().atMost(PATIENCE).until(() -> decisions(leadId, "text-failed") == 1);
        // No retry, no fallback (call or text); the plan's own call step still goes to the rep an hour later.
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        await().atMost(PATIENCE).until(() -> commands(leadId, "followup.create-task.v2").size() == 1);
        assertThat(commands(leadId, "followup.create-task.v2").get(0).get("reason").asText())
                .isEqualTo("New lead: call within the hour of the first text");
        // The next plan text is skipped: the number stays blocked for this dealer.
        clock.advance(Duration.ofDays(1));
        await().atMost(PATIENCE).until(() -> count("select count(*) from decision where lead_id = ? and kind = 'text-skipped'"
                + " and step_id = 'new-lead.1.text-day1' and reason = 'the number opted out'", leadId) == 1);
        assertThat(publishedCommands(leadId, "followup.send-message.v1")).hasSize(1);
        assertThat(decisions(leadId, "retry-planned")).isZero();
    }
}
