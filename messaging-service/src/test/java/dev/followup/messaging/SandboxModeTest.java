package dev.followup.messaging;

import static dev.followup.messaging.Fixtures.PATIENCE;
import static dev.followup.messaging.Fixtures.dealer;
import static dev.followup.messaging.Fixtures.events;
import static dev.followup.messaging.Fixtures.freshPhone;
import static dev.followup.messaging.Fixtures.publishCommand;
import static dev.followup.messaging.Fixtures.publishedEvents;
import static dev.followup.messaging.Fixtures.publishDealerAndWait;
import static dev.followup.messaging.Fixtures.sendCommand;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.twilio.FakeTwilioResource;
import dev.followup.testing.twilio.TwilioWebhook;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Without Twilio credentials texts are recorded, not sent. The Twilio API base URL points at a running fake Twilio,
 * so a text that did leave would be seen there.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SandboxModeTest.FakeTwilioWithoutCredentials.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SandboxModeTest {
    /** The fake Twilio's address, but no account SID or auth token: sandbox mode. */
    public static class FakeTwilioWithoutCredentials implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("followup.twilio.api-base-url", FakeTwilioResource.fake().baseUrl());
        }

        @Override
        public void stop() {
        }
    }

    @jakarta.inject.Inject
    dev.followup.messaging.domain.text.TextingGateway gateway;

    @Test
    void textsAreRecordedNotSentAndRepliesCanBeSimulated() {
        UUID dealerId = UUID.randomUUID();
        publishDealerAndWait(dealer(dealerId, null, null, false, Instant.now()));
        String customer = freshPhone();
        UUID leadId = UUID.randomUUID();
        publishCommand(sendCommand(leadId, dealerId, customer, "Hi from the sandbox"));

        await().atMost(PATIENCE).until(() -> !events(leadId, "message.sent.v1").isEmpty());
        JsonNode sent = events(leadId, "message.sent.v1").get(0).payload();
        assertThat(sent.get("sandbox").asBoolean()).isTrue();
        assertThat(gateway.sandbox()).isTrue();
        // Recorded as sent, so the hand-over is over: nothing reached the Twilio API this application was pointed at.
        assertThat(FakeTwilioResource.fake().requestsTo(customer)).isEmpty();

        given().auth().oauth2("test-admin-token").get("/messages?leadId=" + leadId).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].body", equalTo("Hi from the sandbox"))
                .body("[0].to", equalTo(customer)).body("[0].sandbox", equalTo(true));

        given().auth().oauth2("test-admin-token").contentType("application/json")
                .body("{\"from\":\"" + customer + "\",\"body\":\"STOP\"}").post("/sandbox/replies").then().statusCode(200)
                .body("intent", equalTo("opt-out")).body("leadId", equalTo(leadId.toString()));
        await().atMost(PATIENCE).until(() -> !events(leadId, "message.opted-out.v1").isEmpty());
        assertThat(publishedEvents(leadId, "message.reply-received.v2")).hasSize(1);
    }

    @Test
    void simulatedRepliesAreValidatedAndAdminOnly() {
        given().contentType("application/json").body("{\"from\":\"+15125550123\",\"body\":\"hi\"}")
                .post("/sandbox/replies").then().statusCode(401);
        given().auth().oauth2("test-admin-token").contentType("application/json")
                .body("{\"from\":\"5125550123\",\"body\":\"hi\"}").post("/sandbox/replies").then().statusCode(400)
                .body("field", equalTo("from"));
    }

    @Test
    void webhooksAreRefusedWithoutAnAuthTokenToCheckThem() {
        TwilioWebhook hook = TwilioWebhook.inboundMessage(FakeTwilioResource.fake().accountSid(), freshPhone(),
                freshPhone(), "hi");
        given().header(TwilioWebhook.SIGNATURE_HEADER, hook.signature(FakeTwilioResource.fake().authToken(),
                "https://messaging.followup.test/twilio/inbound")).contentType("application/x-www-form-urlencoded")
                .formParams(hook.params()).post("/twilio/inbound").then().statusCode(403);
    }

    @Test
    void readinessSaysTextsAreNotSent() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Twilio' }.data.mode", equalTo("sandbox"))
                .body("checks.name", hasItem("Twilio"));
    }
}
