package dev.followup.messaging;

import static dev.followup.messaging.Fixtures.PATIENCE;
import static dev.followup.messaging.Fixtures.count;
import static dev.followup.messaging.Fixtures.events;
import static dev.followup.messaging.Fixtures.freshMessagingServiceSid;
import static dev.followup.messaging.Fixtures.freshPhone;
import static dev.followup.messaging.Fixtures.publishCommand;
import static dev.followup.messaging.Fixtures.sendCommand;
import static dev.followup.messaging.WebhookTestSupport.postSigned;
import static dev.followup.messaging.WebhookTestSupport.reply;
import static dev.followup.messaging.WebhookTestSupport.textedLead;
import static dev.followup.messaging.WebhookTestSupport.twilio;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.twilio.FakeTwilioResource;
import dev.followup.testing.twilio.TwilioWebhook;
import dev.followup.messaging.Fixtures.Event;
import dev.followup.messaging.WebhookTestSupport.Conversation;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Replies (intent, opt-out ledger, HELP) and status callbacks (once each, forward only), through signed webhooks. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeTwilioResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RepliesAndStatusTest {
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    @TestHTTPResource("/")
    URL service;

    private static List<Event> awaitEvents(UUID leadId, String type, int atLeast) {
        await().atMost(PATIENCE).until(() -> events(leadId, type).size() >= atLeast);
        return events(leadId, type);
    }

    @Test
    void stopRecordsAnOptOutWithEvidenceAndTheNumberIsNeverTextedAgain() throws Exception {
        Conversation c = textedLead(freshPhone(), null, freshPhone());
        TwilioWebhook stop = reply(c, "Stop texting me");
        postSigned("/twilio/inbound", stop).statusCode(200).body(equalTo(EMPTY_TWIML));

        JsonNode received = awaitEvents(c.leadId(), "message.reply-received.v2", 1).get(0).payload();
        assertThat(received.get("intent").asText()).isEqualTo("opt-out");
        assertThat(received.get("body").asText()).isEqualTo("Stop texting me");
        assertThat(received.get("providerSid").asText()).isEqualTo(stop.param("MessageSid"));
        JsonNode optedOut = awaitEvents(c.leadId(), "message.opted-out.v1", 1).get(0).payload();
        assertThat(optedOut.get("phone").asText()).isEqualTo(c.customer());
        assertThat(optedOut.get("keyword").asText()).isEqualTo("Stop texting me");
        assertThat(optedOut.get("replyId").asText()).isEqualTo(received.get("replyId").asText());
        assertThat(count("""
                select count(*) from opt_out_evidence e join outbound_message m on m.message_id = e.message_id
                where e.dealer_id = ? and e.phone = ? and e.opted_out and e.words = 'Stop texting me'
                and e.reply_id is not null and m.lead_id = ?""", c.dealerId(), c.customer(), c.leadId())).isEqualTo(1);

        // The next text to that number, even for another lead, never reaches Twilio.
        UUID nextLead = UUID.randomUUID();
        publishCommand(sendCommand(nextLead, c.dealerId(), c.customer(), "Still interested?"));
        JsonNode refused = awaitEvents(nextLead, "message.status-changed.v2", 1).get(0).payload();
        assertThat(refused.get("status").asText()).isEqualTo("failed");
        assertThat(refused.get("errorMessage").asText()).isEqualTo("recipient opted out");
        assertThat(twilio().requestsTo(c.customer())).hasSize(1);
    }

    @Test
    void startReEnablesTextingAfterAnOptOut() {
        Conversation c = textedLead(freshPhone(), null, freshPhone());
        postSigned("/twilio/inbound", reply(c, "UNSUBSCRIBE")).statusCode(200);
        awaitEvents(c.leadId(), "message.opted-out.v1", 1);
        postSigned("/twilio/inbound", reply(c, "start")).statusCode(200);

        JsonNode optedIn = awaitEvents(c.leadId(), "message.opted-in.v1", 1).get(0).payload();
        assertThat(optedIn.get("phone").asText()).isEqualTo(c.customer());
        assertThat(optedIn.get("keyword").asText()).isEqualTo("start");
        assertThat(awaitEvents(c.leadId(), "message.reply-received.v2", 2)).extracting(e -> e.payload().get("intent").asText())
                .containsExactly("opt-out", "opt-in");

        UUID nextLead = UUID.randomUUID();
        publishCommand(sendCommand(nextLead, c.dealerId(), c.customer(), "Welcome back"));
        awaitEvents(nextLead, "message.sent.v1", 1);
        assertThat(twilio().requestsTo(c.customer())).extracting(r -> r.body()).contains("Welcome back");
    }

    @Test
    void helpIsAnsweredWithTheDealersNameAndContact() {
        Conversation c = textedLead(freshPhone(), null, freshPhone());
        postSigned("/twilio/inbound", reply(c, " help ")).statusCode(200)
                .contentType(containsString("xml"))
                .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Hill Country Honda: call us at "
                        + "+15125550199 or email sales@hillcountryhonda.example.com. Reply STOP to stop receiving texts."
                        + "</Message></Response>"));
        assertThat(awaitEvents(c.leadId(), "message.reply-received.v2", 1).get(0).payload().get("intent").asText())
                .isEqualTo("help");
    }

    @Test
    void anOrdinaryReplyIsPublishedForTheMostRecentLeadTheDealerTexted() {
        Conversation first = textedLead(freshPhone(), null, freshPhone());
        Conversation latest = WebhookTestSupport.textedLead(first.dealerId(), first.dealerNumber(), first.customer());
        postSigned("/twilio/inbound", reply(first, "Is the CR-V still available?")).statusCode(200).body(equalTo(EMPTY_TWIML));

        JsonNode received = awaitEvents(latest.leadId(), "message.reply-received.v2", 1).get(0).payload();
        assertThat(received.get("intent").asText()).isEqualTo("question");
        assertThat(received.get("question").get("kinds").toString()).isEqualTo("[\"availability\"]");
        assertThat(received.get("question").get("text").asText()).isEqualTo("Is the CR-V still available?");
        assertThat(received.get("dealerId").asText()).isEqualTo(first.dealerId().toString());
        assertThat(events(first.leadId(), "message.reply-received.v2")).isEmpty();
        assertThat(events(latest.leadId(), "message.opted-out.v1")).isEmpty();
    }

    @Test
    void aVisitRequestIsPublishedWithTheDayAndTimeTheCustomerProposed() {
        Conversation c = textedLead(freshPhone(), null, freshPhone());
        postSigned("/twilio/inbound", reply(c, "Yes! Is it still there? Can I come by Saturday at 10 to see it?"))
                .statusCode(200).body(equalTo(EMPTY_TWIML));

        JsonNode received = awaitEvents(c.leadId(), "message.reply-received.v2", 1).get(0).payload();
        assertThat(received.get("intent").asText()).isEqualTo("appointment");
        assertThat(received.get("proposed").get("day").asText()).isEqualTo("saturday");
        assertThat(received.get("proposed").get("time").asText()).isEqualTo("10:00");
        assertThat(received.get("question").get("text").asText()).isEqualTo("Is it still there?");
        assertThat(received.get("notLookingReason").isNull()).isTrue();
    }

    @Test
    void aReplyToAMessagingServiceIsMatchedByItsSid() {
        String service = freshMessagingServiceSid();
        Conversation c = textedLead(freshPhone(), service, freshPhone());
        TwilioWebhook hook = TwilioWebhook.inboundMessage(twilio().accountSid(), c.customer(), freshPhone(), "yes please")
                .with("MessagingServiceSid", service);
        postSigned("/twilio/inbound", hook).statusCode(200);
        assertThat(awaitEvents(c.leadId(), "message.reply-received.v2", 1).get(0).payload().get("intent").asText())
                .isEqualTo("other");
    }

    @Test
    void aRetriedInboundWebhookIsAppliedOnce() throws Exception {
        Conversation c = textedLead(freshPhone(), null, freshPhone());
        TwilioWebhook hook = reply(c, "Call me after 5");
        postSigned("/twilio/inbound", hook).statusCode(200);
        postSigned("/twilio/inbound", hook).statusCode(200);
        postSigned("/twilio/inbound", reply(c, "marker")).statusCode(200);
        List<Event> replies = awaitEvents(c.leadId(), "message.reply-received.v2", 2);
        assertThat(replies).extracting(e -> e.payload().get("body").asText()).containsExactly("Call me after 5", "marker");
        assertThat(count("select count(*) from inbound_reply where provider_sid = ?", hook.param("MessageSid"))).isEqualTo(1);
    }

    @Test
    void aTextFromAnUnknownNumberIsRecordedButAnnouncesNothing() throws Exception {
        String stranger = freshPhone();
        TwilioWebhook hook = TwilioWebhook.inboundMessage(twilio().accountSid(), stranger, freshPhone(), "who is this?");
        postSigned("/twilio/inbound", hook).statusCode(200).body(equalTo(EMPTY_TWIML));
        assertThat(count("select count(*) from inbound_reply where provider_sid = ? and lead_id is null",
                hook.param("MessageSid"))).isEqualTo(1);
        assertThat(Fixtures.text("select intent from inbound_reply where provider_sid = ?", hook.param("MessageSid")))
                .isEqualTo("OTHER");
    }

    @Test
    void statusCallbacksOutOfOrderAndRepeatedOnlyEverMoveForward() throws Exception {
        Conversation c = textedLead(freshPhone(), null, freshPhone());
        for (String status : List.of("sent", "delivered", "sending", "queued", "delivered", "sent", "undelivered")) {
            postSigned("/twilio/status", TwilioWebhook.statusCallback(twilio().accountSid(), c.messageSid(),
                    c.dealerNumber(), c.customer(), status)).statusCode(200).body(equalTo(EMPTY_TWIML));
        }
        postSigned("/twilio/status", TwilioWebhook.statusCallback(twilio().accountSid(), c.messageSid(),
                c.dealerNumber(), c.customer(), "read")).statusCode(200);

        // Outcomes only are announced: the callbacks on the way to them (sending, sent) move the message quietly.
        List<Event> changes = awaitEvents(c.leadId(), "message.status-changed.v2", 2);
        assertThat(changes).extracting(e -> e.payload().get("status").asText()).containsExactly("delivered", "read");
        assertThat(Fixtures.text("select status from outbound_message where provider_sid = ?", c.messageSid()))
                .isEqualTo("read");
        assertThat(count("select count(*) from status_callback where provider_sid = ?", c.messageSid())).isEqualTo(6);
    }

    @Test
    void aFailedCallbackCarriesTheErrorCode() {
        Conversation c = textedLead(freshPhone(), null, freshPhone());
        postSigned("/twilio/status", TwilioWebhook.statusCallback(twilio().accountSid(), c.messageSid(),
                c.dealerNumber(), c.customer(), "undelivered").with("ErrorCode", "30003")).statusCode(200);
        JsonNode changed = awaitEvents(c.leadId(), "message.status-changed.v2", 1).get(0).payload();
        assertThat(changed.get("status").asText()).isEqualTo("undelivered");
        assertThat(changed.get("errorCode").asInt()).isEqualTo(30003);
    }

    @Test
    void callbacksPostedByTheFakeTwilioLikeTheRealOneAreApplied() throws Exception {
        String base = service.toString().replaceAll("/$", "");
        twilio().sendStatusCallbacks(base, "sent", "delivered");
        try {
            Conversation c = textedLead(freshPhone(), null, freshPhone());
            // "sent" arrives first and moves the message without an announcement; "delivered" is the outcome.
            List<Event> changes = awaitEvents(c.leadId(), "message.status-changed.v2", 1);
            assertThat(changes).extracting(e -> e.payload().get("status").asText()).containsExactly("delivered");
            assertThat(count("select count(*) from status_callback where provider_sid = ?", c.messageSid())).isEqualTo(2);
            assertThat(Fixtures.text("select status from outbound_message where provider_sid = ?", c.messageSid()))
                    .isEqualTo("delivered");
        } finally {
            twilio().sendStatusCallbacks(null);
        }
    }

    @Test
    void theAdminSeesALeadsTextsAndReplies() {
        Conversation c = textedLead(freshPhone(), null, freshPhone());
        postSigned("/twilio/inbound", reply(c, "Thanks!")).statusCode(200);
        given().auth().oauth2("test-admin-token").get("/messages?leadId=" + c.leadId()).then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].direction", equalTo("outbound")).body("[0].providerSid", equalTo(c.messageSid()))
                .body("[0].sandbox", equalTo(false))
                .body("[1].direction", equalTo("inbound")).body("[1].body", equalTo("Thanks!"));
        given().get("/messages?leadId=" + c.leadId()).then().statusCode(401);
        given().auth().oauth2("test-admin-token").get("/messages?leadId=nope").then().statusCode(400)
                .body("field", equalTo("leadId"));
    }

    @Test
    void theSandboxEndpointDoesNotExistInLiveMode() {
        given().auth().oauth2("test-admin-token").contentType("application/json")
                .body("{\"from\":\"+15125550123\",\"body\":\"STOP\"}").post("/sandbox/replies").then().statusCode(404);
    }
}
