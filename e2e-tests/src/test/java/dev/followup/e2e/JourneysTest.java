package dev.followup.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.followup.e2e.Journeys.*;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.followup.testing.processes.Platform;
import dev.followup.testing.twilio.FakeTwilio;
import io.restassured.response.Response;

/**
 * Whole-platform journeys: the four services as separate processes on a real Kafka and a real PostgreSQL, texting
 * a fake Twilio, driven only through public APIs and signed webhooks. Time moves through the services' clocks
 * (every process follows the platform's clock file), never by sleeping. Each journey opens its own dealership, so journeys do not see each
 * other's leads, texts or tasks; the clocks only move forward, so each journey starts at the next local time it
 * needs.
 */
@Order(1)
class JourneysTest {
    private static final Set<String> TOUCHES = Set.of("text-sent", "task-created");
    private static Platform platform;
    private static FakeTwilio twilio;

    @BeforeAll
    static void startPlatform() {
        platform = platform();
        twilio = twilio();
    }

    @Test
    void webLeadInsideTheWindowGetsAFrontLoadedCadenceThatEndsOnItsOwn() {
        Dealership dealer = Dealership.open(platform, "Lone Star Honda", "America/Chicago", "TX", 1, 8);
        String rep = dealer.repIds.get(0);
        Instant start = moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();

        Response intake = dealer.postAdf(adf("WEB-" + phone.substring(2), "Maria Lopez", phone));
        assertThat(intake.statusCode()).isIn(200, 201);
        String leadId = intake.path("leads[0].leadId");
        PHONES_BY_LEAD.put(leadId, phone);

        List<FakeTwilio.ReceivedRequest> first = awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);
        assertThat(first.get(0).from()).isEqualTo(dealer.textingNumber);
        assertThat(first.get(0).body()).contains("Maria").contains("Reply STOP");

        runPlan(leadId, start.plus(Duration.ofDays(75)));

        Map<String, Object> timeline = timeline(leadId);
        assertThat(timeline.get("status")).as("the plan ran out: complete, not closed").isEqualTo("complete");
        List<Map<String, Object>> done = entries(timeline, "done");
        List<Map<String, Object>> texts = ofKind(done, "text-sent");
        List<Map<String, Object>> calls = ofKind(done, "task-created");
        // Every text the cadence sent reached the fake Twilio, and nothing else did.
        assertThat(twilio.requestsTo(phone)).hasSize(texts.size());
        assertThat(texts).hasSizeBetween(5, 8);
        assertThat(calls).isNotEmpty();
        assertThat(texts.size() + calls.size()).isLessThanOrEqualTo(10);
        Instant twoWeeks = start.plus(Duration.ofDays(14));
        assertThat(calls).allSatisfy(call -> assertThat(at(call)).isBefore(twoWeeks));
        assertThat(texts).filteredOn(text -> at(text).isAfter(twoWeeks)).isNotEmpty();
        assertThat(texts).allSatisfy(text -> assertThat(localHour(at(text))).isBetween(8, 20));
        // The rep saw the call tasks (never completed, so they stay on the list as overdue).
        assertThat(dealer.tasksOf(rep)).filteredOn(t -> leadId.equals(t.get("leadId")))
                .extracting(t -> t.get("kind")).containsOnly("call").hasSize(calls.size());
    }

    @Test
    void webLeadAtElevenAtNightIsTextedAtEightLocal() {
        Dealership dealer = Dealership.open(platform, "Night Owl Motors", "America/Chicago", "TX", 1, 8);
        moveClocksTo(nextLocal(LocalTime.of(23, 0)));
        String phone = newPhone();
        String leadId = created(dealer.postLead(jsonLead("website", "Night", phone)));

        await().atMost(STEP_PATIENCE).until(() -> !ofKind(entries(timeline(leadId), "done"), "text-deferred").isEmpty());
        assertThat(twilio.requestsTo(phone)).isEmpty();
        Map<String, Object> firstPlanned = entries(timeline(leadId), "planned").get(0);
        ZonedDateTime plannedLocal = at(firstPlanned).atZone(CHICAGO);
        assertThat(plannedLocal.toLocalTime()).isEqualTo(LocalTime.of(8, 0));

        moveClocksTo(at(firstPlanned).plusSeconds(1));
        awaitTexts(phone, 1, STEP_PATIENCE);
        Map<String, Object> sent = ofKind(entries(timeline(leadId), "done"), "text-sent").get(0);
        assertThat(at(sent).atZone(CHICAGO).toLocalTime()).isBetween(LocalTime.of(8, 0), LocalTime.of(8, 1));
    }

    @Test
    void aCustomerWhoBoughtElsewhereGetsNoMoreTextsAndTheRepIsAskedToCloseTheLeadAsLost() {
        Dealership dealer = Dealership.open(platform, "Elsewhere Motors", "America/Chicago", "TX", 1, 8);
        String rep = dealer.repIds.get(0);
        moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String leadId = created(dealer.postLead(jsonLead("website", "Kim", phone)));
        awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);

        reply(dealer, phone, "Already bought one elsewhere, thanks").then().statusCode(200);
        Map<String, Object> task = await().atMost(STEP_PATIENCE).until(() -> dealer.tasksOf(rep).stream()
                .filter(t -> leadId.equals(t.get("leadId"))).findFirst().orElse(null), t -> t != null);
        assertThat(((Map<String, Object>) task.get("reply")).get("lostReason")).isEqualTo("bought-elsewhere");
        assertThat((String) task.get("reason")).startsWith("Not looking any more (bought elsewhere)");
        await().atMost(STEP_PATIENCE).until(() -> "done".equals(timeline(leadId).get("status")));

        advanceClocks(Duration.ofDays(10));
        awaitQuiet();
        assertThat(twilio.requestsTo(phone)).hasSize(1);
        dealer.completeTask(rep, (String) task.get("id"), Map.of("outcome", "lost", "note", "bought elsewhere"))
                .then().statusCode(200);
    }

    @Test
    void aCustomerWhoAsksForACallAtFiveGetsAnUrgentCallTaskDueAtFiveTheirTimeWithItsScoreInWords() {
        Dealership dealer = Dealership.open(platform, "Callback Cars", "America/Chicago", "TX", 1, 8);
        String rep = dealer.repIds.get(0);
        moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String leadId = created(dealer.postLead(jsonLead("website", "Lee", phone)));
        awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);

        reply(dealer, phone, "Busy right now, can you call me at 5?").then().statusCode(200);
        Map<String, Object> task = awaitReplyTask(dealer, rep, leadId);
        assertThat(task.get("kind")).isEqualTo("call");
        assertThat(task.get("urgent")).isEqualTo(true);
        assertThat(((Map<String, Object>) task.get("reply")).get("intent")).isEqualTo("call-me");
        Instant fiveToday = serviceNow().atZone(CHICAGO).toLocalDate().atTime(17, 0).atZone(CHICAGO).toInstant();
        assertThat(Instant.parse((String) task.get("dueAt"))).isEqualTo(fiveToday);
        assertThat((String) task.get("reason")).startsWith("Asked for a call");
        List<String> explanation = (List<String>) ((Map<String, Object>) task.get("score")).get("explanation");
        assertThat(explanation).anyMatch(line -> line.startsWith("came in ")).anyMatch(line -> line.startsWith("replied once"));
        await().atMost(STEP_PATIENCE).until(() -> "paused".equals(timeline(leadId).get("status")));
    }

    @Test
    void aSpanishQuestionAboutPriceAndTradeGivesAnUrgentTaskWithTheQuestionHighlightedOnTheRepsPage() {
        Dealership dealer = Dealership.open(platform, "Precio Motors", "America/Chicago", "TX", 1, 8);
        String rep = dealer.repIds.get(0);
        moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String leadId = created(dealer.postLead(jsonLead("website", "Lupe", phone)));
        awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);

        reply(dealer, phone, "Hola! ¿Cuál es el precio final? ¿Aceptan carros a cuenta?").then().statusCode(200);
        Map<String, Object> task = awaitReplyTask(dealer, rep, leadId);
        assertThat(task.get("urgent")).isEqualTo(true);
        assertThat(dealer.tasksOf(rep).get(0).get("id")).isEqualTo(task.get("id"));
        Map<String, Object> asked = (Map<String, Object>) task.get("reply");
        assertThat(asked.get("intent")).isEqualTo("question");
        assertThat((List<String>) asked.get("questionKinds")).containsExactlyInAnyOrder("price", "trade-in");
        assertThat((String) asked.get("question")).contains("precio final");
        assertThat((String) task.get("reason")).startsWith("Asks about price and trade-in");
        await().atMost(STEP_PATIENCE).until(() -> "paused".equals(timeline(leadId).get("status")));

        // On the rep's page the question stands out, with what it is about.
        String page = dealer.inboxOf(rep);
        assertThat(page).contains("Answer a question");
        assertThat(page).containsPattern("data-question><strong>Asks about price, trade-in:</strong>[^<]*precio final");
    }

    private Instant nextSaturdayAtTen() {
        java.time.ZonedDateTime now = serviceNow().atZone(CHICAGO);
        java.time.LocalDate saturday = now.toLocalDate().with(java.time.temporal.TemporalAdjusters.nextOrSame(
                java.time.DayOfWeek.SATURDAY));
        if (saturday.equals(now.toLocalDate()) && !LocalTime.of(10, 0).isAfter(now.toLocalTime())) {
            saturday = saturday.plusWeeks(1);
        }
        return saturday.atTime(10, 0).atZone(CHICAGO).toInstant();
    }

    @Test
    void replyPausesAutomationPutsAnUrgentTaskFirstAndAnAppointmentBringsReminders() {
        Dealership dealer = Dealership.open(platform, "Saturday Autos", "America/Chicago", "TX", 1, 8);
        String rep = dealer.repIds.get(0);
        moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String leadId = created(dealer.postLead(jsonLead("website", "Sam", phone)));
        awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);

        reply(dealer, phone, "yes, can I come Saturday?").then().statusCode(200);
        await().atMost(STEP_PATIENCE).until(() -> !ofKind(entries(timeline(leadId), "done"), "paused").isEmpty());
        Map<String, Object> urgent = await().atMost(STEP_PATIENCE).until(() -> dealer.tasksOf(rep).stream()
                .filter(t -> leadId.equals(t.get("leadId")) && "replied-customer".equals(t.get("kind")))
                .findFirst().orElse(null), t -> t != null);
        assertThat(urgent.get("urgent")).isEqualTo(true);
        assertThat(dealer.tasksOf(rep).get(0).get("id")).isEqualTo(urgent.get("id"));
        // Understood as a visit request: Saturday, no time named, so 10:00 that Saturday where the customer is.
        Map<String, Object> asked = (Map<String, Object>) urgent.get("reply");
        assertThat(asked.get("intent")).isEqualTo("appointment");
        assertThat(asked.get("dayOnly")).isEqualTo(true);
        assertThat(Instant.parse((String) asked.get("proposedAt"))).isEqualTo(nextSaturdayAtTen());
        assertThat((String) urgent.get("reason")).startsWith("Wants to come in Sat ");

        // Three days pass: the paused lead gets no text, whatever its plan said (once every due step has been acted on).
        advanceClocks(Duration.ofDays(3));
        awaitQuiet();
        assertThat(twilio.requestsTo(phone)).hasSize(1);

        Instant appointment = nextLocal(LocalTime.of(11, 0)).plus(Duration.ofDays(3));
        dealer.completeTask(rep, (String) urgent.get("id"), Map.of("outcome", "appointment-set",
                "appointmentAt", appointment.toString(), "note", "coming Saturday with trade-in"))
                .then().statusCode(200);
        await().atMost(STEP_PATIENCE).until(() -> "appointment".equals(timeline(leadId).get("planKind")));

        runPlan(leadId, appointment.minus(Duration.ofMinutes(30)));
        List<String> bodies = twilio.requestsTo(phone).stream().map(FakeTwilio.ReceivedRequest::body).toList();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(1)).contains("tomorrow");
        assertThat(bodies.get(2)).contains("see you soon");
    }

    @Test
    void stopEndsEveryTextEvenWithStepsLeftAndStartBringsThemBack() {
        Dealership dealer = Dealership.open(platform, "Quiet Cars", "America/Chicago", "TX", 1, 8);
        Instant start = moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String leadId = created(dealer.postLead(jsonLead("website", "Stella", phone)));
        awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);

        reply(dealer, phone, "STOP").then().statusCode(200);
        await().atMost(STEP_PATIENCE).until(() -> !ofKind(entries(timeline(leadId), "done"), "texts-stopped").isEmpty());

        runPlan(leadId, start.plus(Duration.ofDays(20)));
        assertThat(twilio.requestsTo(phone)).hasSize(1);
        assertThat(ofKind(entries(timeline(leadId), "done"), "text-sent")).hasSize(1);

        reply(dealer, phone, "START").then().statusCode(200);
        await().atMost(STEP_PATIENCE).until(() -> !ofKind(entries(timeline(leadId), "done"), "texts-resumed").isEmpty());
        runPlan(leadId, start.plus(Duration.ofDays(40)));
        assertThat(twilio.requestsTo(phone)).hasSize(2);
    }

    @Test
    void showroomVisitSwitchesToThePostVisitPlanAndSoldStopsEverything() {
        Dealership dealer = Dealership.open(platform, "Walk-In Ford", "America/Chicago", "TX", 1, 8);
        String rep = dealer.repIds.get(0);
        Instant start = moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String leadId = created(dealer.postLead(jsonLead("website", "Victor", phone)));
        awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);

        dealer.recordVisit(leadId).then().statusCode(201);
        await().atMost(STEP_PATIENCE).until(() -> "post-visit".equals(timeline(leadId).get("planKind")));
        runPlan(leadId, start.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)));
        assertThat(twilio.requestsTo(phone)).extracting(FakeTwilio.ReceivedRequest::body)
                .anySatisfy(body -> assertThat(body).contains("Thanks for coming by"));
        await().atMost(STEP_PATIENCE).until(() -> !openTasksOf(dealer, rep, leadId).isEmpty());

        dealer.changeStatus(leadId, "sold").then().statusCode(200);
        await().atMost(STEP_PATIENCE).until(() -> "done".equals(timeline(leadId).get("status")));
        await().atMost(STEP_PATIENCE).until(() -> openTasksOf(dealer, rep, leadId).isEmpty());
        int textsAtSale = twilio.requestsTo(phone).size();
        assertThat(entries(timeline(leadId), "planned")).isEmpty();
        advanceClocks(Duration.ofDays(10));
        awaitQuiet();
        assertThat(twilio.requestsTo(phone)).hasSize(textsAtSale);
    }

    @Test
    void duplicateLeadFromASecondSourceIsMergedAndReEngagedWithoutASecondFirstText() {
        Dealership dealer = Dealership.open(platform, "Second Look Kia", "America/Chicago", "TX", 1, 8);
        String rep = dealer.repIds.get(0);
        moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String leadId = created(dealer.postLead(jsonLead("website", "Dana", phone)));
        awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);

        // Twenty minutes later, past the 15-minute window in which copies coalesce into the lead's creation.
        advanceClocks(Duration.ofMinutes(20));
        Response second = dealer.postLead(jsonLead("autotrader", "Dana", phone));
        assertThat(second.statusCode()).isIn(200, 202);
        assertThat((String) second.path("outcome")).isEqualTo("merged");
        assertThat((String) second.path("leadId")).isEqualTo(leadId);

        await().atMost(STEP_PATIENCE).until(() -> "re-engage".equals(timeline(leadId).get("planKind")));
        await().atMost(STEP_PATIENCE).until(() -> !openTasksOf(dealer, rep, leadId).isEmpty());
        awaitQuiet();
        assertThat(twilio.requestsTo(phone)).as("the re-engage plan's call went to the rep; no text inside the gap").hasSize(1);
        assertThat(ofKind(entries(timeline(leadId), "done"), "text-sent"))
                .extracting(e -> e.get("stepId")).noneMatch(step -> String.valueOf(step).contains("re-engage")
                        && String.valueOf(step).contains("first-touch"));
    }

    private static int localHour(Instant instant) {
        return instant.atZone(CHICAGO).getHour();
    }

    private static String adf(String sourceLeadId, String fullName, String phone) {
        String national = "(" + phone.substring(2, 5) + ") " + phone.substring(5, 8) + "-" + phone.substring(8);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <?adf version="1.0"?>
                <adf>
                  <prospect>
                    <id sequence="1" source="dealer-website">%s</id>
                    <requestdate>2026-11-23T10:00:00-06:00</requestdate>
                    <vehicle interest="buy" status="used">
                      <year>2022</year><make>Toyota</make><model>RAV4</model>
                    </vehicle>
                    <customer>
                      <contact>
                        <name part="full">%s</name>
                        <phone type="voice" time="day">%s</phone>
                      </contact>
                      <comments>Is it still available?</comments>
                    </customer>
                    <vendor><vendorname>Lone Star Honda</vendorname></vendor>
                    <provider><name part="full">Dealer Website</name></provider>
                  </prospect>
                </adf>
                """.formatted(sourceLeadId, fullName, national);
    }

    /** The task the customer's reply gave the rep, once it is on the rep's list. */
    private static Map<String, Object> awaitReplyTask(Dealership dealer, String rep, String leadId) {
        return await().atMost(STEP_PATIENCE).until(() -> dealer.tasksOf(rep).stream()
                .filter(t -> leadId.equals(t.get("leadId")) && t.get("reply") != null).findFirst().orElse(null),
                t -> t != null);
    }

    private static List<Map<String, Object>> openTasksOf(Dealership dealer, String rep, String leadId) {
        return dealer.tasksOf(rep).stream().filter(t -> leadId.equals(t.get("leadId")) && "open".equals(t.get("status"))).toList();
    }
}
