package dev.followup.messaging;

import static dev.followup.messaging.Fixtures.count;
import static dev.followup.messaging.Fixtures.freshPhone;
import static dev.followup.messaging.WebhookTestSupport.PUBLIC_BASE;
import static dev.followup.messaging.WebhookTestSupport.reply;
import static dev.followup.messaging.WebhookTestSupport.textedLead;
import static dev.followup.messaging.WebhookTestSupport.twilio;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.twilio.security.RequestValidator;

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.twilio.FakeTwilioResource;
import dev.followup.testing.twilio.TwilioWebhook;
import dev.followup.messaging.WebhookTestSupport.Conversation;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * X-Twilio-Signature on both webhooks: checked against the configured public URL (https://messaging.followup.test),
 * whatever URL the request reached this process by; a refused webhook records nothing.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeTwilioResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookSignatureTest {
    private static final String INBOUND = "/twilio/inbound";
    private static Conversation conversation;

    @TestHTTPResource("/twilio/inbound")
    URL localInboundUrl;

    @BeforeEach
    void texted() {
        if (conversation == null) {
            conversation = textedLead(freshPhone(), null, freshPhone());
        }
    }

    private RequestSpecification form(TwilioWebhook hook) {
        return given().contentType("application/x-www-form-urlencoded").formParams(hook.params());
    }

    private long recorded(TwilioWebhook hook) throws Exception {
        return count("select count(*) from inbound_reply where provider_sid = ?", hook.param("MessageSid"));
    }

    @Test
    void ourSignatureHelperAgreesWithTheSdksValidator() {
        TwilioWebhook hook = reply(conversation, "Hello");
        String url = PUBLIC_BASE + INBOUND;
        assertThat(new RequestValidator(twilio().authToken()).validate(url, hook.params(),
                hook.signature(twilio().authToken(), url))).isTrue();
    }

    @Test
    void aValidSignatureIsAccepted() throws Exception {
        TwilioWebhook hook = reply(conversation, "Sounds good");
        form(hook).header(TwilioWebhook.SIGNATURE_HEADER, hook.signature(twilio().authToken(), PUBLIC_BASE + INBOUND))
                .post(INBOUND).then().statusCode(200).contentType(containsString("xml")).body(containsString("<Response"));
        assertThat(recorded(hook)).isEqualTo(1);
    }

    @Test
    void aMissingSignatureIsForbiddenAndNothingIsRecorded() throws Exception {
        TwilioWebhook hook = reply(conversation, "STOP");
        form(hook).post(INBOUND).then().statusCode(403).contentType(containsString("application/problem+json"))
                .body("status", equalTo(403)).body("field", equalTo("X-Twilio-Signature"));
        assertThat(recorded(hook)).isZero();
    }

    @Test
    void aSignatureMadeWithAnotherAuthTokenIsForbidden() throws Exception {
        TwilioWebhook hook = reply(conversation, "STOP");
        form(hook).header(TwilioWebhook.SIGNATURE_HEADER, hook.signature("not-the-auth-token", PUBLIC_BASE + INBOUND))
                .post(INBOUND).then().statusCode(403);
        assertThat(recorded(hook)).isZero();
    }

    @Test
    void aTamperedParameterIsForbidden() throws Exception {
        TwilioWebhook hook = reply(conversation, "Sounds good");
        String signature = hook.signature(twilio().authToken(), PUBLIC_BASE + INBOUND);
        hook.with("Body", "STOP");
        form(hook).header(TwilioWebhook.SIGNATURE_HEADER, signature).post(INBOUND).then().statusCode(403);
        assertThat(recorded(hook)).isZero();
    }

    @Test
    void anAddedParameterIsForbidden() throws Exception {
        TwilioWebhook hook = reply(conversation, "Sounds good");
        String signature = hook.signature(twilio().authToken(), PUBLIC_BASE + INBOUND);
        hook.with("OptOutType", "STOP");
        form(hook).header(TwilioWebhook.SIGNATURE_HEADER, signature).post(INBOUND).then().statusCode(403);
        assertThat(recorded(hook)).isZero();
    }

    @Test
    void theUrlSignedWithTheExplicitDefaultPortIsAccepted() throws Exception {
        TwilioWebhook hook = reply(conversation, "With a port");
        form(hook).header(TwilioWebhook.SIGNATURE_HEADER,
                hook.signature(twilio().authToken(), "https://messaging.followup.test:443" + INBOUND))
                .post(INBOUND).then().statusCode(200);
        assertThat(recorded(hook)).isEqualTo(1);
    }

    @Test
    void aUrlWithAnotherPortIsForbidden() throws Exception {
        TwilioWebhook hook = reply(conversation, "Other port");
        form(hook).header(TwilioWebhook.SIGNATURE_HEADER,
                hook.signature(twilio().authToken(), "https://messaging.followup.test:8443" + INBOUND))
                .post(INBOUND).then().statusCode(403);
        assertThat(recorded(hook)).isZero();
    }

    @Test
    void behindATlsProxyThePublicUrlCountsNotTheOneThisProcessSees() throws Exception {
        TwilioWebhook viaProxy = reply(conversation, "Through the proxy");
        form(viaProxy).header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "messaging.followup.test")
                .header("X-Forwarded-Port", "443")
                .header(TwilioWebhook.SIGNATURE_HEADER, viaProxy.signature(twilio().authToken(), PUBLIC_BASE + INBOUND))
                .post(INBOUND).then().statusCode(200);
        assertThat(recorded(viaProxy)).isEqualTo(1);

        // Signed over the internal URL (http://localhost:<port>/...): Twilio never calls that, so it is refused.
        TwilioWebhook internal = reply(conversation, "Internal URL");
        form(internal).header(TwilioWebhook.SIGNATURE_HEADER,
                internal.signature(twilio().authToken(), localInboundUrl.toString()))
                .post(INBOUND).then().statusCode(403);
        assertThat(recorded(internal)).isZero();
    }

    @Test
    void statusCallbacksNeedASignatureToo() throws Exception {
        TwilioWebhook callback = TwilioWebhook.statusCallback(twilio().accountSid(), conversation.messageSid(),
                conversation.dealerNumber(), conversation.customer(), "delivered");
        form(callback).post("/twilio/status").then().statusCode(403);
        form(callback).header(TwilioWebhook.SIGNATURE_HEADER, callback.signature("wrong", PUBLIC_BASE + "/twilio/status"))
                .post("/twilio/status").then().statusCode(403);
        assertThat(count("select count(*) from status_callback where provider_sid = ?", conversation.messageSid())).isZero();
    }

    @Test
    void aSignedWebhookWithoutItsRequiredParametersIsABadRequestNamingTheField() {
        TwilioWebhook hook = TwilioWebhook.of(Map.of("Body", "hello", "AccountSid", twilio().accountSid()));
        form(hook).header(TwilioWebhook.SIGNATURE_HEADER, hook.signature(twilio().authToken(), PUBLIC_BASE + INBOUND))
                .post(INBOUND).then().statusCode(400).body("field", equalTo("MessageSid"));
    }
}
