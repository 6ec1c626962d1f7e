package dev.followup.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.followup.testing.processes.Platform;
import dev.followup.testing.processes.ServiceProcess;
import dev.followup.testing.twilio.FakeTwilio;
import dev.followup.testing.twilio.TwilioWebhook;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Whole-platform journeys: the four services as separate processes on a real Kafka and a real PostgreSQL, texting
 * a fake Twilio, driven only through public APIs and signed webhooks. Time moves through the services' clocks
 * (every process follows the platform's clock file), never by sleeping. Each journey opens its own dealership, so journeys do not see each
 * other's leads, texts or tasks; the clocks only move forward, so each journey starts at the next local time it
 * needs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneysTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Duration FIRST_TEXT_PATIENCE = Duration.ofSeconds(15);
    private static final Duration STEP_PATIENCE = Duration.ofSeconds(30);
    private static final Set<String> TOUCHES = Set.of("text-sent", "task-created");

    private static FakeTwilio twilio;
    private static Platform platform;

    @BeforeAll
    static void startPlatform() {
        twilio = FakeTwilio.start(0, Platform.TWILIO_ACCOUNT_SID, Platform.TWILIO_AUTH_TOKEN);
        // The 300-lead morning arrives within seconds here, not over hours: lift messaging's per-dealer send rate
        // (its anti-SMS-pumping guard, 120 a minute by default) so the journey tests the cadence's capacity rules.
        platform = Platform.start(twilio.baseUrl(), Path.of("target", "e2e-logs").toAbsolutePath(),
                Map.of("DEALER_RATE_PER_MINUTE", "2000"));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
        if (twilio != null) {
            twilio.close();
        }
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
        assertThat(timeline.get("status")).isEqualTo("done");
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

        // Three days pass: the paused lead gets no text, whatever its plan said.
        advanceClocks(Duration.ofDays(3));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> twilio.requestsTo(phone).size() == 1);

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
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> twilio.requestsTo(phone).size() == textsAtSale);
    }

    @Test
    void duplicateLeadFromASecondSourceIsMergedAndReEngagedWithoutASecondFirstText() {
        Dealership dealer = Dealership.open(platform, "Second Look Kia", "America/Chicago", "TX", 1, 8);
        String rep = dealer.repIds.get(0);
        moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String leadId = created(dealer.postLead(jsonLead("website", "Dana", phone)));
        awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);

        Response second = dealer.postLead(jsonLead("autotrader", "Dana", phone));
        assertThat(second.statusCode()).isIn(200, 202);
        assertThat((String) second.path("outcome")).isEqualTo("merged");
        assertThat((String) second.path("leadId")).isEqualTo(leadId);

        await().atMost(STEP_PATIENCE).until(() -> "re-engage".equals(timeline(leadId).get("planKind")));
        await().atMost(STEP_PATIENCE).until(() -> !openTasksOf(dealer, rep, leadId).isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> twilio.requestsTo(phone).size() == 1);
        assertThat(ofKind(entries(timeline(leadId), "done"), "text-sent"))
                .extracting(e -> e.get("stepId")).noneMatch(step -> String.valueOf(step).contains("re-engage")
                        && String.valueOf(step).contains("first-touch"));
    }

    // Last: its 300 leads keep their plans, and any journey after it would move the clocks days ahead and wait
    // behind their thousands of due steps on the same partitions.
    @Test
    @Order(Integer.MAX_VALUE)
    void threeRepsAndThreeHundredLeadsInAMorningNeverOverflowAListAndTheOverflowBecomesTexts() {
        int cap = 5;
        Dealership dealer = Dealership.open(platform, "Busy Morning Toyota", "America/Chicago", "TX", 3, cap);
        moveClocksTo(nextLocal(LocalTime.of(9, 0)));
        List<String> leadIds = new ArrayList<>();
        Map<String, String> phoneOf = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String phone = newPhone();
            String leadId = created(dealer.postLead(jsonLead("website", "Buyer" + i, phone)));
            leadIds.add(leadId);
            phoneOf.put(leadId, phone);
        }
        awaitEach(leadIds, id -> twilio.requestsTo(phoneOf.get(id)).size() >= 1);

        // The first call step of every lead comes due an hour later.
        advanceClocks(Duration.ofMinutes(61));
        awaitEach(leadIds, id -> entries(timeline(id), "done").stream()
                .anyMatch(e -> String.valueOf(e.get("stepId")).contains("call-1")));

        int tasksSeen = 0;
        for (String rep : dealer.repIds) {
            List<Map<String, Object>> list = dealer.tasksOf(rep);
            assertThat(list).filteredOn(t -> "call".equals(t.get("kind"))).hasSizeLessThanOrEqualTo(cap);
            tasksSeen += list.size();
        }
        assertThat(tasksSeen).isLessThanOrEqualTo(3 * cap);
        List<String> overflowed = leadIds.stream()
                .filter(id -> !ofKind(entries(timeline(id), "done"), "call-overflow").isEmpty()).toList();
        assertThat(overflowed).hasSizeGreaterThanOrEqualTo(300 - 3 * cap);
        // The overflow became automated texts: those leads got a second text at the call's time.
        long secondTexts = overflowed.stream().filter(id -> twilio.requestsTo(phoneOf.get(id)).size() >= 2).count();
        assertThat(secondTexts).isGreaterThan(0);
    }

    /** Waits until the condition holds for every lead, checking again only the leads for which it did not yet. */
    private static void awaitEach(List<String> leadIds, java.util.function.Predicate<String> condition) {
        Set<String> pending = new java.util.HashSet<>(leadIds);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            pending.removeIf(condition);
            return pending.isEmpty();
        });
    }

    // ---- time ----

    private static Instant serviceNow() {
        return platform.now();
    }

    /** The next instant at that Chicago wall-clock time, at least two minutes from now. */
    private static Instant nextLocal(LocalTime time) {
        ZonedDateTime now = serviceNow().atZone(CHICAGO);
        ZonedDateTime candidate = now.with(time).withSecond(0).withNano(0);
        while (!candidate.isAfter(now.plusMinutes(2))) {
            candidate = candidate.plusDays(1);
        }
        return candidate.toInstant();
    }

    private static Instant moveClocksTo(Instant target) {
        return platform.moveClocksTo(target);
    }

    private static void advanceClocks(Duration duration) {
        platform.advanceClocks(duration);
    }

    /**
     * Moves time from one planned step to the next until {@code until}, waiting after each move until the cadence
     * has acted on the step (it leaves the planned list).
     */
    private static void runPlan(String leadId, Instant until) {
        for (int guard = 0; guard < 40; guard++) {
            List<Map<String, Object>> planned = entries(timeline(leadId), "planned");
            if (planned.isEmpty() || at(planned.get(0)).isAfter(until)) {
                break;
            }
            Instant due = at(planned.get(0));
            Instant now = serviceNow();
            moveClocksTo((due.isAfter(now) ? due : now).plusSeconds(1));
            await("step due at " + due + " acted on").atMost(STEP_PATIENCE).pollInterval(Duration.ofMillis(100))
                    .until(() -> entries(timeline(leadId), "planned").stream().noneMatch(e -> !at(e).isAfter(due)));
            awaitTextsDelivered(leadId);
        }
        if (serviceNow().isBefore(until)) {
            moveClocksTo(until);
        }
    }

    /** Every text the cadence logged as sent has reached the fake Twilio. */
    private static void awaitTextsDelivered(String leadId) {
        await().atMost(STEP_PATIENCE).until(() -> {
            long sent = ofKind(entries(timeline(leadId), "done"), "text-sent").size();
            String phone = phoneOfLead(leadId);
            return phone == null || twilio.requestsTo(phone).size() >= sent;
        });
    }

    // ---- cadence timeline ----

    private static Map<String, Object> timeline(String leadId) {
        Response response = given().baseUri(platform.cadence().baseUrl()).auth().oauth2(Platform.ADMIN_TOKEN)
                .get("/leads/" + leadId + "/timeline");
        if (response.statusCode() == 404) {
            return Map.of("entries", List.of());
        }
        response.then().statusCode(200);
        return response.as(Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> timeline, String state) {
        List<Map<String, Object>> all = (List<Map<String, Object>>) timeline.getOrDefault("entries", List.of());
        return all.stream().filter(e -> state.equals(e.get("state"))).sorted(Comparator.comparing(JourneysTest::at)).toList();
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> entries, String kind) {
        return entries.stream().filter(e -> kind.equals(e.get("kind"))).toList();
    }

    private static Instant at(Map<String, Object> entry) {
        return Instant.parse(String.valueOf(entry.get("at")));
    }

    private static int localHour(Instant instant) {
        return instant.atZone(CHICAGO).getHour();
    }

    // ---- leads, texts, replies, tasks ----

    private static final Map<String, String> PHONES_BY_LEAD = new java.util.concurrent.ConcurrentHashMap<>();

    private static String phoneOfLead(String leadId) {
        return PHONES_BY_LEAD.get(leadId);
    }

    private static String created(Response intake) {
        intake.then().statusCode(201);
        String leadId = intake.path("leadId");
        String phone = intake.path("lead.customer.phone");
        if (phone != null) {
            PHONES_BY_LEAD.put(leadId, phone);
        }
        return leadId;
    }

    /** Central-time area codes: every customer of these journeys is in the dealers' zone. */
    private static final String[] AREA_CODES = {"512", "737", "214", "469", "972", "713", "281", "832", "210", "817"};
    private static final java.util.concurrent.atomic.AtomicInteger PHONE_SEQUENCE =
            new java.util.concurrent.atomic.AtomicInteger(ThreadLocalRandom.current().nextInt(100_000));

    /** A phone no other lead of this run has (a repeated phone would be merged as a duplicate, as it should). */
    private static String newPhone() {
        int n = PHONE_SEQUENCE.getAndIncrement() % 100_000;
        return "+1" + AREA_CODES[n / 10_000] + "555" + String.format("%04d", n % 10_000);
    }

    private static Map<String, Object> jsonLead(String source, String firstName, String phone) {
        return Map.of("source", source, "sourceLeadId", source + "-" + phone.substring(2) + "-" + System.nanoTime(),
                "customer", Map.of("firstName", firstName, "lastName", "Tester", "phone", phone),
                "vehicles", List.of(Map.of("year", 2024, "make", "Honda", "model", "CR-V", "interest", "buy")),
                "consent", Map.of("textConsent", true, "text", "I agree to receive texts", "page", "https://dealer.example/form"));
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

    private static List<FakeTwilio.ReceivedRequest> awaitTexts(String phone, int count, Duration patience) {
        return await(count + " text(s) to the customer").atMost(patience).pollInterval(Duration.ofMillis(50))
                .until(() -> twilio.requestsTo(phone), texts -> texts.size() >= count);
    }

    private static Response reply(Dealership dealer, String from, String body) {
        TwilioWebhook webhook = TwilioWebhook.inboundMessage(Platform.TWILIO_ACCOUNT_SID, from, dealer.textingNumber, body);
        String url = platform.messaging().baseUrl() + "/twilio/inbound";
        return given().baseUri(platform.messaging().baseUrl())
                .header("X-Twilio-Signature", webhook.signature(Platform.TWILIO_AUTH_TOKEN, url))
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").body(webhook.formBody())
                .post("/twilio/inbound");
    }

    private static List<Map<String, Object>> openTasksOf(Dealership dealer, String rep, String leadId) {
        return dealer.tasksOf(rep).stream().filter(t -> leadId.equals(t.get("leadId")) && "open".equals(t.get("status"))).toList();
    }
}
