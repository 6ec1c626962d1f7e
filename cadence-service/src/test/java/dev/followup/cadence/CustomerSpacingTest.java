package dev.followup.cadence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.followup.testing.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One customer is one person however many leads, merges and plans concern them: every automated text to a
 * (dealer, phone) goes through the same spacing (gap, daily limit, window, Florida per seller), and duplicates
 * coalesce into one buying-signal reaction.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class CustomerSpacingTest extends CadenceTestSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String ADMIN = "test-admin-token";

    @Test
    void eightCopiesOfOneLeadArrivingAtOnceGiveOneText() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 0);
        moveToNext(LocalTime.of(10, 0), CHICAGO);
        UUID leadId = UUID.randomUUID();
        leadCreated(leadId, dealerId, repId, chicagoPhone(), "website");
        for (int copy = 0; copy < 7; copy++) {
            merged(leadId, dealerId, copy % 2 == 0 ? "website" : "cars.com");
        }
        // The marker: every copy was handled (coalesced into the lead's creation, within its 15 minutes).
        await().atMost(PATIENCE).until(() -> decisions(leadId, "merge-coalesced") == 7);
        assertThat(publishedCommands(leadId, "followup.send-message.v1")).hasSize(1);
        assertThat(decisions(leadId, "plan-started")).isEqualTo(1);
        assertThat(count("select merges from lead_cadence where lead_id = ?", leadId)).isEqualTo(7);
    }

    @Test
    void aMergeAfterTheWindowReEngagesButItsCallOverTheCapGetsNoTextInsideTheGap() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 0);
        Instant start = moveToNext(LocalTime.of(10, 0), CHICAGO);
        UUID leadId = UUID.randomUUID();
        leadCreated(leadId, dealerId, repId, chicagoPhone(), "website");
        await().atMost(PATIENCE).until(() -> commands(leadId, "followup.send-message.v1").size() == 1);

        clock.advance(Duration.ofMinutes(20));
        merged(leadId, dealerId, "autotrader");
        await().atMost(PATIENCE).until(() -> count("select count(*) from decision where lead_id = ? and kind = 'call-skipped'"
                + " and step_id = 're-engage.2.merge-call'", leadId) == 1);
        assertThat(count("select count(*) from decision where lead_id = ? and step_id = 're-engage.2.merge-call'"
                + " and reason like '%no automated touch in its place either%customer spacing%at least 4 h between automated texts%'",
                leadId)).isEqualTo(1);
        assertThat(publishedCommands(leadId, "followup.send-message.v1")).hasSize(1);
        // The timeline shows when the next text may go, and why.
        given().auth().oauth2(ADMIN).get("/leads/" + leadId + "/timeline").then().statusCode(200)
                .body("planKind", equalTo("re-engage"))
                .body("entries.find { it.state == 'planned' }.stepId", equalTo("re-engage.2.merge-text"));

        // The re-engage text is due four hours after the merge, past the gap: it goes.
        clock.moveTo(start.plus(Duration.ofMinutes(20)).plus(Duration.ofHours(4)).plusSeconds(5));
        await().atMost(PATIENCE).until(() -> commands(leadId, "followup.send-message.v1").size() == 2);
        assertThat(commands(leadId, "followup.send-message.v1").get(1).get("idempotencyKey").asText())
                .isEqualTo(leadId + ":re-engage.2.merge-text");
    }

    @Test
    void whereATextWouldCrowdTheCustomerALeadWithAnEmailIsEmailedInstead() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 0);
        moveToNext(LocalTime.of(10, 0), CHICAGO);
        UUID leadId = UUID.randomUUID();
        leadCreated(leadId, dealerId, repId, chicagoPhone(), "James.W@Example.com", "website");
        await().atMost(PATIENCE).until(() -> commands(leadId, "followup.send-message.v1").size() == 1);

        clock.advance(Duration.ofMinutes(20));
        merged(leadId, dealerId, "autotrader");
        await().atMost(PATIENCE).until(() -> commands(leadId, "followup.send-email.v1").size() == 1);
        JsonNode email = commands(leadId, "followup.send-email.v1").get(0);
        assertThat(email.get("toAddress").asText()).isEqualTo("james.w@example.com");
        assertThat(email.get("idempotencyKey").asText()).isEqualTo(leadId + ":re-engage.2.merge-call-text");
        assertThat(email.get("subject").asText()).isEqualTo("Hill Country Honda: about 2024 Honda CR-V");
        assertThat(email.get("html").asText()).startsWith("<p>Hi James, Maria at Hill Country Honda here.");
        assertThat(count("select count(*) from decision where lead_id = ? and kind = 'email-sent'"
                + " and reason like '%would crowd the customer%emailed instead'", leadId)).isEqualTo(1);
        assertThat(publishedCommands(leadId, "followup.send-message.v1")).hasSize(1);
    }

    @Test
    void aLeadWithAnEmailButNoPhoneGetsTheEmailFirstPlan() {
        UUID dealerId = dealer("America/Chicago", "TX");
        UUID repId = rep(dealerId, "Maria Gonzalez", 5);
        moveToNext(LocalTime.of(23, 0), CHICAGO);
        UUID leadId = UUID.randomUUID();
        leadCreated(leadId, dealerId, repId, null, "ana@example.com", "website");
        await().atMost(PATIENCE).until(() -> commands(leadId, "followup.send-email.v1").size() == 1);
        JsonNode email = commands(leadId, "followup.send-email.v1").get(0);
        assertThat(email.get("idempotencyKey").asText()).isEqualTo(leadId + ":email-first.1.first-email");
        assertThat(email.get("purpose").asText()).isEqualTo("first-touch");
        assertThat(email.get("subject").asText()).isEqualTo("Hill Country Honda: your enquiry about 2024 Honda CR-V");
        assertThat(email.get("text").asText()).startsWith("Hi James,\n\nthis is Maria at Hill Country Honda.");
        // Its call step: no number to call, recorded.
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        await().atMost(PATIENCE).until(() -> count("select count(*) from decision where lead_id = ? and kind = 'call-skipped'"
                + " and reason = 'no phone number to call'", leadId) == 1);
        assertThat(publishedCommands(leadId, "followup.send-message.v1")).isEmpty();
    }

    @Test
    void floridasThreeTextsInADayCountPerSellerNotAcrossDealers() {
        UUID busy = dealer("America/New_York", "GA");
        UUID other = dealer("America/New_York", "GA");
        UUID busyRep = rep(busy, "Ann", 5);
        UUID otherRep = rep(other, "Ben", 5);
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("text", Map.of("minimumGap", "PT1H", "dailyLimit", 5),
                        "email", Map.of("minimumGap", "PT12H", "dailyLimit", 1), "mergeWindow", "PT15M"))
                .put("/dealers/" + busy + "/contact-policy").then().statusCode(200).body("custom", equalTo(true));
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body("{\"steps\":[{\"id\":\"t1\",\"offset\":\"PT0S\",\"channel\":\"text\",\"template\":\"One\"},"
                        + "{\"id\":\"t2\",\"offset\":\"PT1H\",\"channel\":\"text\",\"template\":\"Two\"},"
                        + "{\"id\":\"t3\",\"offset\":\"PT2H\",\"channel\":\"text\",\"template\":\"Three\"},"
                        + "{\"id\":\"t4\",\"offset\":\"PT3H\",\"channel\":\"text\",\"template\":\"Four\"}]}")
                .put("/dealers/" + busy + "/plans/new-lead").then().statusCode(200);
        ZoneId eastern = ZoneId.of("America/New_York");
        moveToNext(LocalTime.of(9, 0), eastern);
        String miami = "+13055550" + String.format("%03d", (int) (Math.random() * 1000));
        UUID busyLead = UUID.randomUUID();
        leadCreated(busyLead, busy, busyRep, miami, "website");
        await().atMost(PATIENCE).until(() -> commands(busyLead, "followup.send-message.v1").size() == 1);
        Instant start = clock.instant();
        for (int hour = 1; hour <= 3; hour++) {
            clock.moveTo(start.plus(Duration.ofHours(hour)).plusSeconds(5));
            int texts = Math.min(hour + 1, 3);
            awaitLead(busyLead, PATIENCE, () -> commands(busyLead, "followup.send-message.v1").size() == texts);
        }
        await().atMost(PATIENCE).until(() -> count("select count(*) from decision where lead_id = ? and kind = 'text-deferred'"
                + " and step_id = 'new-lead.1.t4' and reason like '%Florida limit of 3 texts in 24 hours%'", busyLead) == 1);

        UUID otherLead = UUID.randomUUID();
        leadCreated(otherLead, other, otherRep, miami, "website");
        await().atMost(PATIENCE).until(() -> commands(otherLead, "followup.send-message.v1").size() == 1);
        assertThat(publishedCommands(busyLead, "followup.send-message.v1")).hasSize(3);
    }

    @Test
    void thePreviewShowsSpacingDecisionsAndTheirReasons() {
        UUID dealerId = dealer("America/Chicago", "TX");
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body("{\"steps\":[{\"id\":\"hello\",\"offset\":\"PT0S\",\"channel\":\"text\",\"template\":\"Hi {firstName}\"},"
                        + "{\"id\":\"nudge\",\"offset\":\"PT1H\",\"channel\":\"text\",\"template\":\"Still there?\"},"
                        + "{\"id\":\"call\",\"offset\":\"PT2H\",\"channel\":\"call\",\"template\":\"Call\"},"
                        + "{\"id\":\"later\",\"offset\":\"PT3H\",\"channel\":\"text\",\"template\":\"Later\"}]}")
                .put("/dealers/" + dealerId + "/plans/new-lead").then().statusCode(200);
        given().auth().oauth2(ADMIN).contentType("application/json")
                .body(Map.of("dealerId", dealerId.toString(), "startAt", "2030-01-07T16:00:00Z",
                        "customer", Map.of("firstName", "Ana", "phone", "+13125550111")))
                .post("/plans/preview").then().statusCode(200)
                .body("entries.stepId", equalTo(List.of("hello", "nudge", "call", "later")))
                .body("entries[0].kind", equalTo("text"))
                .body("entries[1].reason", startsWith("dropped: customer spacing"))
                .body("entries[1].reason", containsString("supersedes it"))
                .body("entries[3].at", equalTo("2030-01-07T20:00:00Z"))
                .body("entries[3].reason", containsString("customer spacing: the last automated text"));
    }
}
