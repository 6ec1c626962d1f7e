package dev.followup.messaging;

import static dev.followup.messaging.Fixtures.PATIENCE;
import static dev.followup.messaging.Fixtures.count;
import static dev.followup.messaging.Fixtures.dealer;
import static dev.followup.messaging.Fixtures.freshPhone;
import static dev.followup.messaging.Fixtures.publishCommand;
import static dev.followup.messaging.Fixtures.publishDealerAndWait;
import static dev.followup.messaging.Fixtures.sendCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.followup.messaging.domain.text.SendPacer;
import dev.followup.platform.time.MovableClock;
import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.twilio.FakeTwilio;
import dev.followup.testing.twilio.FakeTwilioResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Texts over a dealer's rate wait in its queue instead of being refused, and leave at the rate, first touches first. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeTwilioResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SendPacingTest {
    private final FakeTwilio twilio = FakeTwilioResource.fake();

    @Inject
    MovableClock clock;
    @Inject
    SendPacer pacer;

    private List<String> bodiesFrom(String dealerNumber) {
        return twilio.requests().stream().filter(r -> dealerNumber.equals(r.from())).map(FakeTwilio.ReceivedRequest::body).toList();
    }

    private void queue(UUID dealerId, String body, String purpose, long alreadyWaiting) {
        UUID leadId = UUID.randomUUID();
        ObjectNode command = sendCommand(leadId, dealerId, freshPhone(), body);
        command.put("purpose", purpose);
        command.put("idempotencyKey", leadId + ":" + body);
        publishCommand(command);
        // One at a time: the queue's arrival order is the order of this test.
        await().atMost(PATIENCE).until(() -> count("select count(*) from outbound_message where dealer_id = ? and status = 'waiting'",
                dealerId) == alreadyWaiting + 1);
    }

    @Test
    void aBurstOverTheDealersRateWaitsInItsQueueAndLeavesAtTheRateFirstTouchesFirstInArrivalOrder() throws Exception {
        String number = freshPhone();
        UUID dealerId = UUID.randomUUID();
        ObjectNode dealer = dealer(dealerId, number, null, false, Instant.now());
        dealer.put("sendRatePerMinute", 5);
        publishDealerAndWait(dealer);
        for (int i = 1; i <= 5; i++) {
            ObjectNode filler = sendCommand(UUID.randomUUID(), dealerId, freshPhone(), "filler " + i);
            filler.put("purpose", "cadence");
            publishCommand(filler);
        }
        await().atMost(PATIENCE).until(() -> bodiesFrom(number).size() == 5);

        // The dealer's minute is used up: these wait, none is refused.
        long waiting = 0;
        for (String body : List.of("cadence 1", "cadence 2", "cadence 3")) {
            queue(dealerId, body, "cadence", waiting++);
        }
        for (String body : List.of("first 1", "first 2", "first 3", "first 4")) {
            queue(dealerId, body, "first-touch", waiting++);
        }
        pacer.drain(dealerId); // a drain ran while the minute was full and sent nothing
        assertThat(bodiesFrom(number)).hasSize(5);
        assertThat(count("select count(*) from outbound_message where dealer_id = ? and status = 'failed'", dealerId)).isZero();

        clock.advance(Duration.ofSeconds(61));
        await().atMost(PATIENCE).until(() -> bodiesFrom(number).size() == 10);
        assertThat(bodiesFrom(number).subList(5, 10)).containsExactly("first 1", "first 2", "first 3", "first 4", "cadence 1");
        pacer.drain(dealerId);
        assertThat(bodiesFrom(number)).hasSize(10);

        clock.advance(Duration.ofSeconds(61));
        await().atMost(PATIENCE).until(() -> bodiesFrom(number).size() == 12);
        assertThat(bodiesFrom(number).subList(10, 12)).containsExactly("cadence 2", "cadence 3");
        assertThat(count("select count(*) from outbound_message where dealer_id = ? and status = 'waiting'", dealerId)).isZero();
    }

    @Test
    void aQueuedTextWhoseWindowClosesWhileItWaitsIsRefusedWithThatReasonAsItLeaves() throws Exception {
        String number = freshPhone();
        UUID dealerId = UUID.randomUUID();
        ObjectNode dealer = dealer(dealerId, number, null, false, Instant.now());
        dealer.put("sendRatePerMinute", 1);
        publishDealerAndWait(dealer);
        publishCommand(sendCommand(UUID.randomUUID(), dealerId, freshPhone(), "uses the minute"));
        await().atMost(PATIENCE).until(() -> bodiesFrom(number).size() == 1);

        UUID leadId = UUID.randomUUID();
        ObjectNode late = sendCommand(leadId, dealerId, freshPhone(), "too late by the time it leaves");
        late.put("sendBefore", clock.instant().plusSeconds(30).toString());
        publishCommand(late);
        await().atMost(PATIENCE).until(() -> count("select count(*) from outbound_message where lead_id = ? and status = 'waiting'",
                leadId) == 1);
        clock.advance(Duration.ofSeconds(61));
        await().atMost(PATIENCE).until(() -> !Fixtures.events(leadId, "message.status-changed.v2").isEmpty());
        assertThat(Fixtures.events(leadId, "message.status-changed.v2").get(0).payload().get("reason").asText())
                .isEqualTo("window-closed");
        assertThat(bodiesFrom(number)).hasSize(1);
    }
}
