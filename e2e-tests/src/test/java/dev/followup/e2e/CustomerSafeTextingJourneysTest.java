package dev.followup.e2e;

import static dev.followup.e2e.Journeys.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.followup.testing.TopicReader;
import io.restassured.response.Response;

/**
 * A customer is one person however many copies of a lead arrive, and a reply or an opt-out belongs to the dealer
 * whose number it was written to. Absence checks ("no second text") are made once the platform is quiet: every
 * outbox empty, every consumer caught up, no text queued, no timer due.
 */
@Order(2)
class CustomerSafeTextingJourneysTest {

    @Test
    void eightCopiesOfALeadArrivingTogetherGiveOneLeadAndExactlyOneText() throws Exception {
        Dealership dealer = Dealership.open(platform(), "Copycat Chevrolet", "America/Chicago", "TX", 1, 0);
        moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String[] sources = {"website", "autotrader", "cars.com", "cargurus", "website", "truecar", "edmunds", "website"};
        CyclicBarrier together = new CyclicBarrier(sources.length);
        ExecutorService posters = Executors.newFixedThreadPool(sources.length);
        List<Future<Response>> answers = new ArrayList<>();
        for (String source : sources) {
            answers.add(posters.submit(() -> {
                together.await();
                return dealer.postLead(jsonLead(source, "Carla", phone));
            }));
        }
        Set<String> leadIds = new java.util.HashSet<>();
        for (Future<Response> answer : answers) {
            Response r = answer.get();
            assertThat(r.statusCode()).isIn(200, 201, 202);
            leadIds.add(r.path("leadId"));
        }
        posters.shutdown();
        assertThat(leadIds).as("one lead, seven merges").hasSize(1);
        String leadId = leadIds.iterator().next();

        advanceClocks(Duration.ofMinutes(2));
        awaitQuiet();
        assertThat(twilio().requestsTo(phone)).hasSize(1);
        assertThat(done(leadId, "merge-coalesced")).hasSize(7);
        assertThat(done(leadId, "plan-started")).hasSize(1);
    }

    @Test
    void tenIdenticalPostsReleasedTogetherGiveOneLeadOneLeadCreatedAndOneTwilioRequest() throws Exception {
        Dealership dealer = Dealership.open(platform(), "Double Click Dodge", "America/Chicago", "TX", 1, 5);
        moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        Map<String, Object> lead = jsonLead("website", "Dana", phone); // one sourceLeadId: the same request ten times
        CyclicBarrier together = new CyclicBarrier(10);
        ExecutorService posters = Executors.newFixedThreadPool(10);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(posters.submit(() -> {
                together.await();
                return dealer.postLead(lead);
            }));
        }
        Map<String, Integer> outcomes = new HashMap<>();
        Set<String> leadIds = new java.util.HashSet<>();
        for (Future<Response> answer : answers) {
            Response r = answer.get();
            assertThat(r.statusCode()).isIn(200, 201);
            leadIds.add(r.path("leadId"));
            outcomes.merge(r.path("outcome"), 1, Integer::sum);
        }
        posters.shutdown();
        assertThat(leadIds).hasSize(1);
        assertThat(outcomes).isEqualTo(Map.of("created", 1, "replayed", 9));
        String leadId = leadIds.iterator().next();

        awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);
        awaitQuiet();
        assertThat(TopicReader.readAll(SharedPlatform.servers().kafkaBootstrap(), "lead-events").stream()
                .filter(r -> leadId.equals(r.key()))).extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly("lead.created.v1");
        assertThat(count("select count(*) from lead.lead where phone = ?", phone)).isEqualTo(1);
        assertThat(twilio().requestsTo(phone)).hasSize(1);
    }

    @Test
    void fiveCopiesSpreadOverTenMinutesGiveOneText() {
        Dealership dealer = Dealership.open(platform(), "Steady Subaru", "America/Chicago", "TX", 1, 0);
        moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String leadId = created(dealer.postLead(jsonLead("website", "Ravi", phone)));
        awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);
        for (int copy = 1; copy < 5; copy++) {
            advanceClocks(Duration.ofSeconds(150));
            Response again = dealer.postLead(jsonLead(copy % 2 == 0 ? "website" : "cars.com", "Ravi", phone));
            assertThat((String) again.path("leadId")).isEqualTo(leadId);
        }
        advanceClocks(Duration.ofMinutes(2));
        awaitQuiet();
        assertThat(twilio().requestsTo(phone)).hasSize(1);
        assertThat(done(leadId, "merge-coalesced")).hasSize(4);
    }

    @Test
    void aReplylessLeadWhoseReEngageCallIsOverTheCapGetsNoTextInsideTheGap() {
        Dealership dealer = Dealership.open(platform(), "Full List Ford", "America/Chicago", "TX", 1, 0);
        Instant start = moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String leadId = created(dealer.postLead(jsonLead("website", "Omar", phone)));
        awaitTexts(phone, 1, FIRST_TEXT_PATIENCE);

        advanceClocks(Duration.ofMinutes(20));
        dealer.postLead(jsonLead("autotrader", "Omar", phone)).then().statusCode(200);
        await().atMost(STEP_PATIENCE).until(() -> "re-engage".equals(timeline(leadId).get("planKind")));
        awaitQuiet();
        assertThat(twilio().requestsTo(phone)).as("the rep's list is full, and a text now would crowd the customer").hasSize(1);
        assertThat(done(leadId, "call-skipped")).anySatisfy(skipped -> assertThat((String) skipped.get("reason"))
                .contains("no automated touch in its place either").contains("customer spacing"));

        // The re-engage text is due four hours after the merge: past the gap, it goes.
        moveClocksTo(start.plus(Duration.ofMinutes(20)).plus(Duration.ofHours(4)).plusSeconds(30));
        awaitTexts(phone, 2, STEP_PATIENCE);
        List<Map<String, Object>> sent = done(leadId, "text-sent");
        assertThat(Duration.between(at(sent.get(0)), at(sent.get(1)))).isGreaterThanOrEqualTo(Duration.ofHours(4));
    }

    @Test
    void aDealerCreatedWithAnotherDealersTextingNumberIsRefused() {
        Dealership holder = Dealership.open(platform(), "First Honda", "America/Chicago", "TX", 1, 5);
        Dealership.admin(platform()).body(Map.of("name", "Second Honda", "timeZone", "America/Chicago", "country", "US",
                "textingNumber", holder.textingNumber)).post("/admin/dealers").then().statusCode(409)
                .contentType("application/problem+json").body("field", org.hamcrest.Matchers.equalTo("textingNumber"));
    }

    @Test
    void aReplyAndAnOptOutGoToTheDealerThatOwnsTheNumberOnly() {
        Dealership first = Dealership.open(platform(), "North Nissan", "America/Chicago", "TX", 1, 5);
        Dealership second = Dealership.open(platform(), "South Nissan", "America/Chicago", "TX", 1, 5);
        Instant start = moveClocksTo(nextLocal(LocalTime.of(10, 0)));
        String phone = newPhone();
        String atFirst = created(first.postLead(jsonLead("website", "Lena", phone)));
        String atSecond = created(second.postLead(jsonLead("website", "Lena", phone)));
        awaitTexts(phone, 2, FIRST_TEXT_PATIENCE);

        reply(first, phone, "Is the CR-V still there?").then().statusCode(200);
        await().atMost(STEP_PATIENCE).until(() -> !done(atFirst, "paused").isEmpty());
        awaitQuiet();
        assertThat(done(atSecond, "paused")).as("the other dealer's lead of the same customer").isEmpty();
        assertThat(second.tasksOf(second.repIds.get(0))).noneMatch(t -> "replied-customer".equals(t.get("kind")));

        reply(first, phone, "STOP").then().statusCode(200);
        await().atMost(STEP_PATIENCE).until(() -> !done(atFirst, "texts-stopped").isEmpty());
        awaitQuiet();
        assertThat(done(atSecond, "texts-stopped")).isEmpty();
        // A day later the second dealer's plan texts the customer; the first dealer's lead is paused and opted out.
        runPlan(atSecond, start.plus(Duration.ofDays(1)).plusSeconds(60));
        awaitQuiet();
        assertThat(done(atSecond, "text-sent")).hasSize(2);
        assertThat(twilio().requestsTo(phone).stream().filter(r -> first.textingNumber.equals(r.from())).count()).isEqualTo(1);
    }

    @Test
    void aFloridaCustomerGetsNoFourthSalesTextIn24HoursFromTheSameDealer() {
        Dealership dealer = Dealership.open(platform(), "Sunshine Kia", "America/New_York", "FL", 1, 5);
        Dealership.admin(platform().cadence())
                .body(Map.of("text", Map.of("minimumGap", "PT1H", "dailyLimit", 5),
                        "email", Map.of("minimumGap", "PT12H", "dailyLimit", 1), "mergeWindow", "PT15M"))
                .put("/dealers/" + dealer.dealerId + "/contact-policy").then().statusCode(200);
        Dealership.admin(platform().cadence())
                .body("{\"steps\":[{\"id\":\"t1\",\"offset\":\"PT0S\",\"channel\":\"text\",\"template\":\"One\"},"
                        + "{\"id\":\"t2\",\"offset\":\"PT1H\",\"channel\":\"text\",\"template\":\"Two\"},"
                        + "{\"id\":\"t3\",\"offset\":\"PT2H\",\"channel\":\"text\",\"template\":\"Three\"},"
                        + "{\"id\":\"t4\",\"offset\":\"PT3H\",\"channel\":\"text\",\"template\":\"Four\"}]}")
                .put("/dealers/" + dealer.dealerId + "/plans/new-lead").then().statusCode(200);
        Instant start = moveClocksTo(nextLocal(LocalTime.of(9, 0), java.time.ZoneId.of("America/New_York")));
        String miami = "+1305555" + newPhone().substring(8);
        String leadId = created(dealer.postLead(jsonLead("website", "Flor", miami)));
        awaitTexts(miami, 1, FIRST_TEXT_PATIENCE);
        for (int hour = 1; hour <= 3; hour++) {
            moveClocksTo(start.plus(Duration.ofHours(hour)).plusSeconds(30));
            awaitTexts(miami, Math.min(hour + 1, 3), STEP_PATIENCE);
        }
        await().atMost(STEP_PATIENCE).until(() -> done(leadId, "text-deferred").stream()
                .anyMatch(d -> String.valueOf(d.get("reason")).contains("Florida limit of 3 texts in 24 hours")));
        awaitQuiet();
        assertThat(twilio().requestsTo(miami)).hasSize(3);
    }

    /** Zones beyond one city: a Miami number of a Texas dealer at 20:30 Eastern, a Los Angeles number at 07:30 Pacific. */
    @Test
    void eachCustomerIsTextedInsideTheirOwnLocalWindow() {
        Dealership dealer = Dealership.open(platform(), "Two Zones Toyota", "America/Chicago", "TX", 1, 5);
        java.time.ZoneId eastern = java.time.ZoneId.of("America/New_York");
        java.time.ZoneId pacific = java.time.ZoneId.of("America/Los_Angeles");
        moveClocksTo(nextLocal(LocalTime.of(20, 30), eastern));
        String miami = "+1786555" + newPhone().substring(8);
        String la = "+1213555" + newPhone().substring(8);
        String miamiLead = created(dealer.postLead(jsonLead("website", "Eva", miami)));
        String laLead = created(dealer.postLead(jsonLead("website", "Leo", la)));
        await().atMost(STEP_PATIENCE).until(() -> !done(miamiLead, "text-deferred").isEmpty());
        awaitTexts(la, 1, FIRST_TEXT_PATIENCE); // 17:30 in Los Angeles: inside the window
        awaitQuiet();
        assertThat(twilio().requestsTo(miami)).isEmpty();
        Instant eightEastern = at(entries(timeline(miamiLead), "planned").get(0));
        assertThat(eightEastern.atZone(eastern).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        moveClocksTo(eightEastern.plusSeconds(5));
        awaitTexts(miami, 1, STEP_PATIENCE);

        // A Los Angeles lead at 07:30 Pacific waits for 08:00 Pacific.
        moveClocksTo(nextLocal(LocalTime.of(7, 30), pacific));
        String early = "+1213555" + newPhone().substring(8);
        String earlyLead = created(dealer.postLead(jsonLead("website", "Ivy", early)));
        await().atMost(STEP_PATIENCE).until(() -> !done(earlyLead, "text-deferred").isEmpty());
        awaitQuiet();
        assertThat(twilio().requestsTo(early)).isEmpty();
        assertThat(at(entries(timeline(earlyLead), "planned").get(0)).atZone(pacific).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        assertThat(laLead).isNotNull();
    }
}
