package dev.followup.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.followup.testing.Quiescence;
import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.processes.Platform;
import dev.followup.testing.twilio.FakeTwilio;
import dev.followup.testing.twilio.TwilioWebhook;
import io.restassured.response.Response;

/** What every journey does: move time, post leads, read timelines and texts, write back like a customer. */
final class Journeys {
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final Duration FIRST_TEXT_PATIENCE = Duration.ofSeconds(15);
    static final Duration STEP_PATIENCE = Duration.ofSeconds(30);
    static final String BOUNCE_TOKEN = "e2e-bounce-token";
    static final Map<String, String> PHONES_BY_LEAD = new ConcurrentHashMap<>();

    private Journeys() {
    }

    static Platform platform() {
        return SharedPlatform.platform();
    }

    static FakeTwilio twilio() {
        return SharedPlatform.twilio();
    }

    // ---- time ----

    static Instant serviceNow() {
        return platform().now();
    }

    /** The next instant at that wall-clock time in the zone, at least two minutes from now. */
    static Instant nextLocal(LocalTime time, ZoneId zone) {
        ZonedDateTime now = serviceNow().atZone(zone);
        ZonedDateTime candidate = now.with(time).withSecond(0).withNano(0);
        while (!candidate.isAfter(now.plusMinutes(2))) {
            candidate = candidate.plusDays(1);
        }
        return candidate.toInstant();
    }

    static Instant nextLocal(LocalTime time) {
        return nextLocal(time, CHICAGO);
    }

    static Instant moveClocksTo(Instant target) {
        return platform().moveClocksTo(target);
    }

    static void advanceClocks(Duration duration) {
        platform().advanceClocks(duration);
    }

    /** Nothing is left to do: outboxes empty, consumers caught up, no text queued, no timer due. */
    static void awaitQuiet() {
        awaitQuiet(Duration.ofSeconds(90));
    }

    /** As {@link #awaitQuiet()}; when it does not happen, the failure says what each service was doing. */
    static void awaitQuiet(Duration patience) {
        try {
            Quiescence.await(SharedPlatform.servers(), Journeys::serviceNow, patience);
        } catch (AssertionError notQuiet) {
            StringBuilder diagnosis = new StringBuilder(notQuiet.getMessage());
            platform().allWithReplicas().forEach(service -> diagnosis.append("\n").append(service.diagnosis()));
            throw new AssertionError(diagnosis.toString(), notQuiet);
        }
    }

    /**
     * Moves time from one planned step to the next until {@code until}, waiting after each move until the cadence
     * has acted on the step (it leaves the planned list).
     */
    static void runPlan(String leadId, Instant until) {
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
    static void awaitTextsDelivered(String leadId) {
        await().atMost(STEP_PATIENCE).until(() -> {
            long sent = ofKind(entries(timeline(leadId), "done"), "text-sent").size();
            String phone = PHONES_BY_LEAD.get(leadId);
            return phone == null || twilio().requestsTo(phone).size() >= sent;
        });
    }

    // ---- cadence timeline ----

    static Map<String, Object> timeline(String leadId) {
        Response response = given().baseUri(platform().cadence().baseUrl()).auth().oauth2(platform().cadence().adminToken())
                .get("/leads/" + leadId + "/timeline");
        if (response.statusCode() == 404) {
            return Map.of("entries", List.of());
        }
        response.then().statusCode(200);
        return response.as(Map.class);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> entries(Map<String, Object> timeline, String state) {
        List<Map<String, Object>> all = (List<Map<String, Object>>) timeline.getOrDefault("entries", List.of());
        return all.stream().filter(e -> state.equals(e.get("state"))).sorted(Comparator.comparing(Journeys::at)).toList();
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> entries, String kind) {
        return entries.stream().filter(e -> kind.equals(e.get("kind"))).toList();
    }

    static List<Map<String, Object>> done(String leadId, String kind) {
        return ofKind(entries(timeline(leadId), "done"), kind);
    }

    static Instant at(Map<String, Object> entry) {
        return Instant.parse(String.valueOf(entry.get("at")));
    }

    /** Texts and emails messaging-service recorded for the lead (any mode). */
    static List<Map<String, Object>> messages(String leadId) {
        return given().baseUri(platform().messaging().baseUrl()).auth().oauth2(platform().messaging().adminToken())
                .get("/messages?leadId=" + leadId).then().statusCode(200).extract().path("$");
    }

    // ---- the services' databases, read as operations would ----

    /** The rows of a query over the platform's database (every service's schema), each column by its label. */
    static List<Map<String, Object>> rows(String sql, Object... parameters) {
        RealInfrastructure.Servers servers = SharedPlatform.servers();
        try (Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword());
                PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                q.setObject(i + 1, parameters[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** A query's single number (a count). */
    static long count(String sql, Object... parameters) {
        return ((Number) rows(sql, parameters).get(0).values().iterator().next()).longValue();
    }

    // ---- leads, texts, replies ----

    static String created(Response intake) {
        intake.then().statusCode(201);
        String leadId = intake.path("leadId");
        String phone = intake.path("lead.customer.phone");
        if (phone != null) {
            PHONES_BY_LEAD.put(leadId, phone);
        }
        return leadId;
    }

    /** Central-time area codes: every customer of these journeys is in the dealers' zone unless a journey says so. */
    private static final String[] AREA_CODES = {"512", "737", "214", "469", "972", "713", "281", "832", "210", "817"};
    private static final AtomicInteger PHONE_SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(100_000));

    /** A phone no other lead of this run has (a repeated phone would be merged as a duplicate, as it should). */
    static String newPhone() {
        int n = PHONE_SEQUENCE.getAndIncrement() % 100_000;
        return "+1" + AREA_CODES[n / 10_000] + "555" + String.format("%04d", n % 10_000);
    }

    static Map<String, Object> jsonLead(String source, String firstName, String phone) {
        return Map.of("source", source, "sourceLeadId", source + "-" + phone.substring(2) + "-" + System.nanoTime(),
                "customer", Map.of("firstName", firstName, "lastName", "Tester", "phone", phone),
                "vehicles", List.of(Map.of("year", 2024, "make", "Honda", "model", "CR-V", "interest", "buy")),
                "consent", Map.of("textConsent", true, "text", "I agree to receive texts", "page", "https://dealer.example/form"));
    }

    static List<FakeTwilio.ReceivedRequest> awaitTexts(String phone, int count, Duration patience) {
        return await(count + " text(s) to the customer").atMost(patience).pollInterval(Duration.ofMillis(50))
                .until(() -> twilio().requestsTo(phone), texts -> texts.size() >= count);
    }

    /** The customer writes to a number, as Twilio would post it (signed). */
    static Response reply(String dealerNumber, String from, String body) {
        TwilioWebhook webhook = TwilioWebhook.inboundMessage(Platform.TWILIO_ACCOUNT_SID, from, dealerNumber, body);
        String url = platform().messaging().baseUrl() + "/twilio/inbound";
        return given().baseUri(platform().messaging().baseUrl())
                .header("X-Twilio-Signature", webhook.signature(Platform.TWILIO_AUTH_TOKEN, url))
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").body(webhook.formBody())
                .post("/twilio/inbound");
    }

    static Response reply(Dealership dealer, String from, String body) {
        return reply(dealer.textingNumber, from, body);
    }
}
