package dev.followup.messaging;

import static dev.followup.messaging.Fixtures.PATIENCE;
import static dev.followup.messaging.Fixtures.dealer;
import static dev.followup.messaging.Fixtures.events;
import static dev.followup.messaging.Fixtures.publishCommand;
import static dev.followup.messaging.Fixtures.publishDealerAndWait;
import static dev.followup.messaging.Fixtures.sendCommand;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.followup.testing.twilio.FakeTwilio;
import dev.followup.testing.twilio.FakeTwilioResource;
import dev.followup.testing.twilio.TwilioWebhook;
import io.restassured.response.ValidatableResponse;

/** Posting signed webhooks the way Twilio does, and a lead that has been texted so replies have somewhere to go. */
final class WebhookTestSupport {
    static final String PUBLIC_BASE = "https://messaging.followup.test";

    private WebhookTestSupport() {
    }

    static FakeTwilio twilio() {
        return FakeTwilioResource.fake();
    }

    /** A dealer, a customer and a lead the dealer has texted (Twilio accepted it). */
    record Conversation(UUID dealerId, String dealerNumber, String customer, UUID leadId, String messageSid) {
    }

    static Conversation textedLead(String dealerNumber, String messagingServiceSid, String customer) {
        UUID dealerId = UUID.randomUUID();
        ObjectNode dealer = dealer(dealerId, dealerNumber, messagingServiceSid, false, Instant.now());
        publishDealerAndWait(dealer);
        return textedLead(dealerId, dealerNumber, customer);
    }

    static Conversation textedLead(UUID dealerId, String dealerNumber, String customer) {
        UUID leadId = UUID.randomUUID();
        publishCommand(sendCommand(leadId, dealerId, customer, "Hi, is today good for a test drive?"));
        await().atMost(PATIENCE).until(() -> !events(leadId, "message.sent.v1").isEmpty());
        String sid = events(leadId, "message.sent.v1").get(0).payload().get("providerSid").asText();
        return new Conversation(dealerId, dealerNumber, customer, leadId, sid);
    }

    static TwilioWebhook reply(Conversation conversation, String body) {
        return TwilioWebhook.inboundMessage(twilio().accountSid(), conversation.customer(), conversation.dealerNumber(), body);
    }

    static ValidatableResponse postSigned(String path, TwilioWebhook hook) {
        return given().header(TwilioWebhook.SIGNATURE_HEADER, hook.signature(twilio().authToken(), PUBLIC_BASE + path))
                .contentType("application/x-www-form-urlencoded").formParams(hook.params())
                .post(path).then();
    }
}
