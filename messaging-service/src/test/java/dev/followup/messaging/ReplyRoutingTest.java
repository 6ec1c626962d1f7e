package dev.followup.messaging;

import static dev.followup.messaging.Fixtures.PATIENCE;
import static dev.followup.messaging.Fixtures.count;
import static dev.followup.messaging.Fixtures.dealer;
import static dev.followup.messaging.Fixtures.events;
import static dev.followup.messaging.Fixtures.freshPhone;
import static dev.followup.messaging.Fixtures.publishCommand;
import static dev.followup.messaging.Fixtures.publishDealerAndWait;
import static dev.followup.messaging.Fixtures.sendCommand;
import static dev.followup.messaging.WebhookTestSupport.postSigned;
import static dev.followup.messaging.WebhookTestSupport.reply;
import static dev.followup.messaging.WebhookTestSupport.textedLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.followup.messaging.WebhookTestSupport.Conversation;
import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.twilio.FakeTwilioResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A reply goes to the dealer that owns the number it was written to, never to another dealer that texts the same
 * customer; an opt-out is confirmed once, where the dealer asked for it.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeTwilioResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReplyRoutingTest {
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    @Test
    void aReplyAndAnOptOutBelongToTheDealerWrittenToOnly() throws Exception {
        String customer = freshPhone();
        Conversation first = textedLead(freshPhone(), null, customer);
        Conversation second = textedLead(freshPhone(), null, customer); // another dealer, texted later

        postSigned("/twilio/inbound", reply(first, "STOP")).statusCode(200);
        await().atMost(PATIENCE).until(() -> !events(first.leadId(), "message.opted-out.v1").isEmpty());
        // The marker: the same customer writes to the second dealer; once that is applied, the first reply was too.
        postSigned("/twilio/inbound", reply(second, "Is it still available?")).statusCode(200);
        await().atMost(PATIENCE).until(() -> !events(second.leadId(), "message.reply-received.v2").isEmpty());

        assertThat(events(second.leadId(), "message.reply-received.v2")).hasSize(1)
                .allSatisfy(e -> assertThat(e.payload().get("intent").asText()).isEqualTo("question"));
        assertThat(events(second.leadId(), "message.opted-out.v1")).isEmpty();
        assertThat(events(first.leadId(), "message.reply-received.v2")).hasSize(1);
        assertThat(count("select count(*) from opt_out where phone = ? and opted_out", customer)).isEqualTo(1);
        assertThat(count("select count(*) from opt_out where dealer_id = ? and phone = ? and opted_out", first.dealerId(), customer))
                .isEqualTo(1);

        // The second dealer may still text the customer; the first may not.
        UUID again = UUID.randomUUID();
        publishCommand(sendCommand(again, second.dealerId(), customer, "Still here for you"));
        await().atMost(PATIENCE).until(() -> !events(again, "message.sent.v1").isEmpty());
        UUID refused = UUID.randomUUID();
        publishCommand(sendCommand(refused, first.dealerId(), customer, "Please come back"));
        await().atMost(PATIENCE).until(() -> !events(refused, "message.status-changed.v2").isEmpty());
        assertThat(events(refused, "message.status-changed.v2").get(0).payload().get("reason").asText()).isEqualTo("opted-out");
    }

    @Test
    void aDealerThatAskedForItConfirmsANewOptOutOnceWithoutMarketing() throws Exception {
        String number = freshPhone();
        UUID dealerId = UUID.randomUUID();
        ObjectNode dealer = dealer(dealerId, number, null, false, Instant.now());
        dealer.put("optOutConfirmation", true);
        publishDealerAndWait(dealer);
        Conversation c = WebhookTestSupport.textedLead(dealerId, number, freshPhone());

        postSigned("/twilio/inbound", reply(c, "please leave me alone")).statusCode(200)
                .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>Hill Country Honda: you are "
                        + "unsubscribed and will get no more texts from us. Reply START to resubscribe.</Message></Response>"));
        postSigned("/twilio/inbound", reply(c, "STOP")).statusCode(200).body(equalTo(EMPTY_TWIML));
        assertThat(count("select count(*) from opt_out_evidence where dealer_id = ? and phone = ? and confirmation_sent_at is not null",
                dealerId, c.customer())).isEqualTo(1);
    }

    @Test
    void withoutTheDealersChoiceOrBehindAMessagingServiceNoConfirmationIsSent() {
        Conversation plain = textedLead(freshPhone(), null, freshPhone());
        postSigned("/twilio/inbound", reply(plain, "STOP")).statusCode(200).body(equalTo(EMPTY_TWIML));

        String number = freshPhone();
        UUID dealerId = UUID.randomUUID();
        ObjectNode dealer = dealer(dealerId, number, Fixtures.freshMessagingServiceSid(), false, Instant.now());
        dealer.put("optOutConfirmation", true);
        publishDealerAndWait(dealer);
        Conversation service = WebhookTestSupport.textedLead(dealerId, number, freshPhone());
        postSigned("/twilio/inbound", reply(service, "STOP")).statusCode(200).body(equalTo(EMPTY_TWIML));
        postSigned("/twilio/inbound", reply(service, "HELP")).statusCode(200).body(containsString("Hill Country Honda"));
    }
}
