package dev.followup.messaging;

import static dev.followup.messaging.Fixtures.PATIENCE;
import static dev.followup.messaging.Fixtures.count;
import static dev.followup.messaging.Fixtures.dealer;
import static dev.followup.messaging.Fixtures.events;
import static dev.followup.messaging.Fixtures.publishDealerAndWait;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.followup.infra.MailServer;
import dev.followup.testing.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Emails through a real SMTP server, at most once per key, with one-click unsubscribe and bounce suppression. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class EmailTest {
    private static UUID emailDealer() {
        UUID dealerId = UUID.randomUUID();
        ObjectNode dealer = dealer(dealerId, null, null, false, Instant.now());
        dealer.put("mailingAddress", "4100 S Lamar Blvd, Austin, TX 78704");
        publishDealerAndWait(dealer);
        return dealerId;
    }

    private static ObjectNode emailCommand(UUID leadId, UUID dealerId, String to, String key) {
        ObjectNode command = Fixtures.JSON.createObjectNode();
        command.put("idempotencyKey", leadId + ":" + key);
        command.put("leadId", leadId.toString());
        command.put("dealerId", dealerId.toString());
        command.put("toAddress", to);
        command.put("subject", "Hill Country Honda: about the 2024 Honda CR-V");
        command.put("text", "Hi Ana,\n\nthe CR-V is still here.");
        command.put("html", "<p>Hi Ana,</p><p>the CR-V is still here.</p>");
        command.put("purpose", "cadence");
        command.put("stepId", "email-first.1." + key);
        command.put("requestedAt", Instant.now().toString());
        Fixtures.send("cadence-commands", leadId.toString(), "followup.send-email.v1", UUID.randomUUID(), command);
        return command;
    }

    private static List<MimeMessage> receivedBy(String address) {
        return RealInfrastructure.servers().mail().received().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private static String fresh() {
        return "ana." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Test
    void anEmailReachesTheSmtpServerOnceWithItsUnsubscribeHeadersAndFooter() throws Exception {
        UUID dealerId = emailDealer();
        UUID leadId = UUID.randomUUID();
        String to = fresh();
        ObjectNode command = emailCommand(leadId, dealerId, to, "first-email");
        Fixtures.send("cadence-commands", leadId.toString(), "followup.send-email.v1", UUID.randomUUID(), command); // re-issued

        await().atMost(PATIENCE).until(() -> !events(leadId, "email.sent.v1").isEmpty());
        MimeMessage mail = receivedBy(to).get(0);
        assertThat(mail.getSubject()).isEqualTo("Hill Country Honda: about the 2024 Honda CR-V");
        assertThat(mail.getFrom()[0].toString()).contains("Hill Country Honda");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String unsubscribe = mail.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).startsWith("<https://messaging.followup.test/email/unsubscribe?t=");
        String content = new String(mail.getInputStream().readAllBytes());
        assertThat(content).contains("4100 S Lamar Blvd").contains("Unsubscribe");
        // The marker for "once": a later email of the same lead arrived, the re-issued command did not send again.
        emailCommand(leadId, dealerId, to, "second-email");
        await().atMost(PATIENCE).until(() -> events(leadId, "email.sent.v1").size() == 2);
        assertThat(receivedBy(to)).hasSize(2);
        assertThat(count("select count(*) from outbound_email where idempotency_key = ?", leadId + ":first-email")).isEqualTo(1);
    }

    @Test
    void oneClickUnsubscribeStopsTheNextEmailAndTheLinkShowsAPageFirst() throws Exception {
        UUID dealerId = emailDealer();
        UUID leadId = UUID.randomUUID();
        String to = fresh();
        emailCommand(leadId, dealerId, to, "first-email");
        await().atMost(PATIENCE).until(() -> !receivedBy(to).isEmpty());
        String header = receivedBy(to).get(0).getHeader("List-Unsubscribe")[0];
        String path = header.substring(header.indexOf("/email/"), header.length() - 1);

        given().get(path).then().statusCode(200).body(containsString("<button")).body(containsString(to));
        assertThat(Fixtures.publishedEvents(leadId, "email.unsubscribed.v1")).as("opening the page changes nothing").isEmpty();
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post(path)
                .then().statusCode(200).body(containsString("You are unsubscribed"));
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post(path)
                .then().statusCode(200);
        await().atMost(PATIENCE).until(() -> !events(leadId, "email.unsubscribed.v1").isEmpty());
        JsonNode stopped = events(leadId, "email.unsubscribed.v1").get(0).payload();
        assertThat(stopped.get("method").asText()).isEqualTo("one-click");
        assertThat(stopped.get("email").asText()).isEqualTo(to);

        emailCommand(leadId, dealerId, to, "second-email");
        await().atMost(PATIENCE).until(() -> !events(leadId, "email.failed.v1").isEmpty());
        assertThat(events(leadId, "email.failed.v1").get(0).payload().get("reason").asText()).isEqualTo("opted-out");
        assertThat(receivedBy(to)).hasSize(1);
        assertThat(events(leadId, "email.unsubscribed.v1")).as("a second click announces nothing").hasSize(1);
        given().get("/email/unsubscribe?t=forged-token").then().statusCode(404);
    }

    @Test
    void aHardBounceReportedByTheProviderSuppressesTheAddress() throws Exception {
        UUID dealerId = emailDealer();
        UUID leadId = UUID.randomUUID();
        String to = fresh();
        emailCommand(leadId, dealerId, to, "first-email");
        await().atMost(PATIENCE).until(() -> !receivedBy(to).isEmpty());
        String messageId = receivedBy(to).get(0).getHeader("Message-ID")[0];

        given().contentType("application/json").body("{\"emailId\":\"" + messageId + "\",\"type\":\"hard\"}")
                .post("/email/bounces").then().statusCode(401);
        given().auth().oauth2("test-bounce-token").contentType("application/json")
                .body("{\"emailId\":\"" + messageId + "\",\"type\":\"hard\",\"detail\":\"550 5.1.1 user unknown\"}")
                .post("/email/bounces").then().statusCode(200).body("suppressed", equalTo(true));
        await().atMost(PATIENCE).until(() -> !events(leadId, "email.bounced.v1").isEmpty());
        assertThat(events(leadId, "email.bounced.v1").get(0).payload().get("detail").asText()).contains("user unknown");
        given().auth().oauth2("test-bounce-token").contentType("application/json")
                .body("{\"emailId\":\"not-an-id\",\"type\":\"hard\"}").post("/email/bounces").then().statusCode(400)
                .body("field", equalTo("emailId"));

        emailCommand(leadId, dealerId, to, "second-email");
        await().atMost(PATIENCE).until(() -> !events(leadId, "email.failed.v1").isEmpty());
        assertThat(receivedBy(to)).hasSize(1);
    }

    @Test
    void anEmailTheSmtpServerCouldNotTakeGoesAgainLaterAndArrivesOnce() throws Exception {
        UUID dealerId = emailDealer();
        UUID leadId = UUID.randomUUID();
        String to = fresh();
        emailWhileTheServerIsDown(leadId, dealerId, to, () -> emails(leadId, "retrying") == 1);
        await().atMost(PATIENCE).until(() -> !events(leadId, "email.sent.v1").isEmpty());
        assertThat(receivedBy(to)).hasSize(1);
        assertThat(events(leadId, "email.failed.v1")).isEmpty();
        assertThat(count("select count(*) from outbound_email where lead_id = ? and status = 'sent' and attempts >= 1", leadId))
                .as("sent after at least one try the server could not take").isEqualTo(1);
    }

    @Test
    void anEmailTheSmtpServerNeverTakesFailsAfterItsTries() throws Exception {
        UUID dealerId = emailDealer();
        UUID leadId = UUID.randomUUID();
        String to = fresh();
        emailWhileTheServerIsDown(leadId, dealerId, to, () -> !events(leadId, "email.failed.v1").isEmpty());
        JsonNode failed = failedWithoutSending(leadId, to);
        assertThat(failed.get("reason").asText()).isEqualTo("carrier-error");
        assertThat(failed.get("detail").asText()).startsWith("not taken in 4 tries");
        assertThat(emails(leadId, "failed")).isEqualTo(1);
    }

    @Test
    void anEmailWaitingToGoAgainIsCheckedAgainAndNotSentOnceItsDealerIsStopped() throws Exception {
        UUID dealerId = emailDealer();
        UUID leadId = UUID.randomUUID();
        String to = fresh();
        parkedWhileTheServerIsDown(leadId, dealerId, to);
        ObjectNode stopped = dealer(dealerId, null, null, true, Instant.now());
        stopped.put("mailingAddress", "4100 S Lamar Blvd, Austin, TX 78704");
        publishDealerAndWait(stopped);
        dueNow(leadId);

        assertThat(failedWithoutSending(leadId, to).get("reason").asText()).isEqualTo("kill-switch");
    }

    @Test
    void anEmailWaitingToGoAgainIsNotSentOnceTheCustomerReplied() throws Exception {
        UUID dealerId = emailDealer();
        UUID leadId = UUID.randomUUID();
        String to = fresh();
        parkedWhileTheServerIsDown(leadId, dealerId, to);
        // The customer's text answer, as reply routing records it for the lead.
        assertThat(count("""
                with reply as (insert into inbound_reply (reply_id, provider_sid, from_phone, to_phone, dealer_id, lead_id,
                                                          body, intent, received_at)
                               values (gen_random_uuid(), 'SM' || replace(gen_random_uuid()::text, '-', ''), '+15125550123',
                                       '+15125550100', ?, ?, 'yes, is it still there?', 'question', now())
                               returning 1)
                select count(*) from reply""", dealerId, leadId)).isEqualTo(1);
        dueNow(leadId);

        assertThat(failedWithoutSending(leadId, to).get("detail").asText()).contains("the customer replied");
    }

    /**
     * The lead's first email is asked for while the SMTP server is down and, once it waits to go again, parked an
     * hour ahead: what happens meanwhile is surely in place before it would go again ({@link #dueNow}).
     */
    private static void parkedWhileTheServerIsDown(UUID leadId, UUID dealerId, String to) {
        emailWhileTheServerIsDown(leadId, dealerId, to, () -> count("""
                with parked as (update outbound_email set next_attempt_at = now() + interval '1 hour'
                                where lead_id = ? and status = 'retrying' returning 1)
                select count(*) from parked""", leadId) == 1);
    }

    /** @return the payload of the lead's email.failed.v1, once it is there; no email of the lead went */
    private static JsonNode failedWithoutSending(UUID leadId, String to) {
        await().atMost(PATIENCE).until(() -> !events(leadId, "email.failed.v1").isEmpty());
        assertThat(events(leadId, "email.sent.v1")).isEmpty();
        assertThat(receivedBy(to)).isEmpty();
        return events(leadId, "email.failed.v1").get(0).payload();
    }

    private static void dueNow(UUID leadId) throws Exception {
        assertThat(count("""
                with due as (update outbound_email set next_attempt_at = now() where lead_id = ? returning 1)
                select count(*) from due""", leadId)).isEqualTo(1);
    }

    /** The lead's first email is asked for while the SMTP server is down; it comes back once {@code until} holds. */
    private static void emailWhileTheServerIsDown(UUID leadId, UUID dealerId, String to, Callable<Boolean> until) {
        MailServer mail = RealInfrastructure.servers().mail();
        mail.pause();
        try {
            emailCommand(leadId, dealerId, to, "first-email");
            await().atMost(PATIENCE).until(until);
        } finally {
            mail.resume();
        }
    }

    private static long emails(UUID leadId, String status) throws Exception {
        return count("select count(*) from outbound_email where lead_id = ? and status = ?", leadId, status);
    }
}
