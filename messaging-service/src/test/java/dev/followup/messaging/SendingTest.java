package dev.followup.messaging;

import static dev.followup.messaging.Fixtures.PATIENCE;
import static dev.followup.messaging.Fixtures.count;
import static dev.followup.messaging.Fixtures.dealer;
import static dev.followup.messaging.Fixtures.events;
import static dev.followup.messaging.Fixtures.freshMessagingServiceSid;
import static dev.followup.messaging.Fixtures.freshPhone;
import static dev.followup.messaging.Fixtures.publishCommand;
import static dev.followup.messaging.Fixtures.publishedEvents;
import static dev.followup.messaging.Fixtures.publishDealerAndWait;
import static dev.followup.messaging.Fixtures.sendCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.followup.testing.PrometheusPage;
import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.TopicReader;
import dev.followup.testing.twilio.FakeTwilio;
import dev.followup.testing.twilio.FakeTwilioResource;
import dev.followup.messaging.Fixtures.Event;
import dev.followup.messaging.domain.text.SendReconciler;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Send commands carried out with the real Twilio SDK against the fake Twilio server, over real Kafka and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FakeTwilioResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SendingTest {
    private final FakeTwilio twilio = FakeTwilioResource.fake();

    @Inject
    SendReconciler reconciler;

    @AfterEach
    void resetScripts() {
        twilio.failNext(0, 503).loseAnswers(0);
    }

    private UUID dealerWithNumber(String number) {
        UUID dealerId = UUID.randomUUID();
        publishDealerAndWait(dealer(dealerId, number, null, false, Instant.now()));
        return dealerId;
    }

    private List<FakeTwilio.ReceivedRequest> awaitRequests(String to, int expected) {
        await().atMost(PATIENCE).until(() -> twilio.requestsTo(to).size() >= expected);
        return twilio.requestsTo(to);
    }

    private Event awaitEvent(UUID leadId, String type) {
        await().atMost(PATIENCE).until(() -> !events(leadId, type).isEmpty());
        return events(leadId, type).get(0);
    }

    @Test
    void twilioGetsExactlyTheRequestItExpects() {
        String dealerNumber = freshPhone();
        String customer = freshPhone();
        UUID dealerId = dealerWithNumber(dealerNumber);
        UUID leadId = UUID.randomUUID();
        publishCommand(sendCommand(leadId, dealerId, customer, "Hi James, is today good for a test drive? Reply STOP to opt out."));

        FakeTwilio.ReceivedRequest request = awaitRequests(customer, 1).get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + twilio.accountSid() + "/Messages.json");
        assertThat(request.authUser()).isEqualTo(twilio.accountSid());
        assertThat(request.authPassword()).isEqualTo(twilio.authToken());
        assertThat(request.from()).isEqualTo(dealerNumber);
        assertThat(request.to()).isEqualTo(customer);
        assertThat(request.body()).isEqualTo("Hi James, is today good for a test drive? Reply STOP to opt out.");
        assertThat(request.statusCallback()).isEqualTo("https://messaging.followup.test/twilio/status");
        assertThat(request.messagingServiceSid()).isNull();

        Event sent = awaitEvent(leadId, "message.sent.v1");
        JsonNode payload = sent.payload();
        assertThat(payload.get("providerSid").asText()).isEqualTo(request.messageSid());
        assertThat(payload.get("idempotencyKey").asText()).isEqualTo(leadId + ":first-touch");
        assertThat(payload.get("dealerId").asText()).isEqualTo(dealerId.toString());
        assertThat(payload.get("segments").asInt()).isEqualTo(1);
        assertThat(payload.get("sandbox").asBoolean()).isFalse();
        ConsumerRecordView record = ConsumerRecordView.of(leadId, sent.id());
        assertThat(record.key()).isEqualTo(leadId.toString());
        assertThat(record.source()).isEqualTo("messaging-service");
    }

    @Test
    void aMessagingServiceIsPreferredOverTheDealerNumber() {
        String customer = freshPhone();
        String service = freshMessagingServiceSid();
        UUID dealerId = UUID.randomUUID();
        publishDealerAndWait(dealer(dealerId, freshPhone(), service, false, Instant.now()));
        UUID leadId = UUID.randomUUID();
        publishCommand(sendCommand(leadId, dealerId, customer, "Hello from the service"));

        FakeTwilio.ReceivedRequest request = awaitRequests(customer, 1).get(0);
        assertThat(request.messagingServiceSid()).isEqualTo(service);
        assertThat(request.from()).isNull();
        assertThat(awaitEvent(leadId, "message.sent.v1").payload().get("providerSid").asText())
                .isEqualTo(request.messageSid());
    }

    @Test
    void anInvalidNumberIsRecordedFailedAndNeverRetried() throws Exception {
        String customer = freshPhone();
        twilio.failFor(customer, 21211);
        UUID dealerId = dealerWithNumber(freshPhone());
        UUID leadId = UUID.randomUUID();
        PrometheusPage before = PrometheusPage.now();
        publishCommand(sendCommand(leadId, dealerId, customer, "Hi"));

        JsonNode failed = awaitEvent(leadId, "message.status-changed.v2").payload();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("reason").asText()).isEqualTo("invalid-recipient");
        assertThat(failed.get("errorCode").asInt()).isEqualTo(21211);
        assertThat(failed.get("errorMessage").asText()).contains("Invalid 'To' Phone Number");
        assertThat(twilio.requestsTo(customer)).hasSize(1);
        assertThat(events(leadId, "message.sent.v1")).isEmpty();
        assertThat(count("select count(*) from outbound_message where lead_id = ? and status = 'failed' and error_code = 21211",
                leadId)).isEqualTo(1);
        // What the Twilio-errors alert and the refusal panel read moved (counted on commit, so awaited).
        await().atMost(PATIENCE).untilAsserted(() -> {
            PrometheusPage after = PrometheusPage.now();
            assertThat(after.sum("followup_twilio_errors_total", "code=21211"))
                    .isGreaterThanOrEqualTo(before.sum("followup_twilio_errors_total", "code=21211") + 1);
            assertThat(after.sum("followup_texts_refused_total", "reason=invalid-recipient"))
                    .isGreaterThanOrEqualTo(before.sum("followup_texts_refused_total", "reason=invalid-recipient") + 1);
        });
    }

    @Test
    void twilioSayingTheNumberUnsubscribedRecordsAnOptOutAndBlocksTheNextText() throws Exception {
        String customer = freshPhone();
        twilio.failFor(customer, 21610);
        UUID dealerId = dealerWithNumber(freshPhone());
        UUID leadId = UUID.randomUUID();
        PrometheusPage before = PrometheusPage.now();
        publishCommand(sendCommand(leadId, dealerId, customer, "Hi"));

        JsonNode optedOut = awaitEvent(leadId, "message.opted-out.v1").payload();
        assertThat(optedOut.get("phone").asText()).isEqualTo(customer);
        assertThat(optedOut.get("keyword").asText()).contains("21610");
        assertThat(awaitEvent(leadId, "message.status-changed.v2").payload().get("errorCode").asInt()).isEqualTo(21610);
        assertThat(count("select count(*) from opt_out_evidence where dealer_id = ? and phone = ? and source = 'twilio-error' "
                + "and message_id is not null", dealerId, customer)).isEqualTo(1);

        UUID nextLead = UUID.randomUUID();
        publishCommand(sendCommand(nextLead, dealerId, customer, "Another try"));
        JsonNode refused = awaitEvent(nextLead, "message.status-changed.v2").payload();
        assertThat(refused.get("errorMessage").asText()).isEqualTo("recipient opted out");
        assertThat(refused.get("reason").asText()).isEqualTo("opted-out");
        assertThat(twilio.requestsTo(customer)).hasSize(1);
        await().atMost(PATIENCE).untilAsserted(() -> {
            PrometheusPage after = PrometheusPage.now();
            assertThat(after.sum("followup_opt_outs_total", "channel=text"))
                    .isGreaterThanOrEqualTo(before.sum("followup_opt_outs_total", "channel=text") + 1);
            assertThat(after.sum("followup_texts_refused_total", "reason=opted-out"))
                    .isGreaterThanOrEqualTo(before.sum("followup_texts_refused_total", "reason=opted-out") + 1);
        });
    }

    @Test
    void serverErrorsAreRetriedWithBackoffAndTheTextSentOnce() throws Exception {
        String customer = freshPhone();
        UUID dealerId = dealerWithNumber(freshPhone());
        UUID leadId = UUID.randomUUID();
        twilio.failNext(2, 503);
        publishCommand(sendCommand(leadId, dealerId, customer, "Third time lucky"));

        Event sent = awaitEvent(leadId, "message.sent.v1");
        List<FakeTwilio.ReceivedRequest> requests = twilio.requestsTo(customer);
        assertThat(requests).extracting(FakeTwilio.ReceivedRequest::answeredStatus).containsExactly(503, 503, 201);
        assertThat(sent.payload().get("providerSid").asText()).isEqualTo(requests.get(2).messageSid());
        assertThat(Fixtures.text("select attempts::text from outbound_message where lead_id = ?", leadId)).isEqualTo("3");
        // The pauses between attempts (followup.twilio.first-backoff, doubling) are Backoff's, unit-tested in the kit.
        assertThat(publishedEvents(leadId, "message.sent.v1")).hasSize(1);
    }

    @Test
    void tooManyRequestsAreRetriedABoundedNumberOfTimesThenReportedFailed() {
        String customer = freshPhone();
        UUID dealerId = dealerWithNumber(freshPhone());
        UUID leadId = UUID.randomUUID();
        twilio.failNext(100, 429);
        publishCommand(sendCommand(leadId, dealerId, customer, "Busy"));

        JsonNode failed = awaitEvent(leadId, "message.status-changed.v2").payload();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("errorCode").asInt()).isEqualTo(20429);
        assertThat(failed.get("reason").asText()).isEqualTo("rate-limited");
        assertThat(failed.get("errorMessage").asText()).contains("after 5 of 5 attempts");
        assertThat(twilio.requestsTo(customer)).hasSize(5).allMatch(r -> r.answeredStatus() == 429);
    }

    @Test
    void aCommandDeliveredAgainIsNotSentAgain() {
        String customer = freshPhone();
        UUID dealerId = dealerWithNumber(freshPhone());
        UUID leadId = UUID.randomUUID();
        ObjectNode command = sendCommand(leadId, dealerId, customer, "Only once");
        UUID eventId = UUID.randomUUID();
        Fixtures.send("cadence-commands", leadId.toString(), "followup.send-message.v1", eventId, command);
        Fixtures.send("cadence-commands", leadId.toString(), "followup.send-message.v1", eventId, command);
        publishCommand(command); // re-issued by cadence: new event id, same idempotency key
        ObjectNode marker = sendCommand(leadId, dealerId, customer, "marker");
        marker.put("idempotencyKey", leadId + ":marker");
        publishCommand(marker);

        // Same lead, same partition: once the marker's text is recorded sent, every copy before it was handled.
        await().atMost(PATIENCE).until(() -> events(leadId, "message.sent.v1").stream()
                .anyMatch(e -> e.payload().get("idempotencyKey").asText().endsWith(":marker")));
        assertThat(twilio.requestsTo(customer)).extracting(FakeTwilio.ReceivedRequest::body)
                .containsExactly("Only once", "marker");
        assertThat(events(leadId, "message.sent.v1")).hasSize(2);
    }

    @Test
    void aSendWhoseAnswerWasLostIsLookedUpAtTwilioAndRecordedSentNeverResent() throws Exception {
        String customer = freshPhone();
        UUID dealerId = dealerWithNumber(freshPhone());
        UUID leadId = UUID.randomUUID();
        twilio.loseAnswers(1);
        publishCommand(sendCommand(leadId, dealerId, customer, "Did this arrive?"));
        await().atMost(PATIENCE).until(() -> "unconfirmed".equals(
                Fixtures.text("select status from outbound_message where lead_id = ?", leadId)));
        assertThat(events(leadId, "message.sent.v1")).isEmpty();

        reconciler.reconcile(); // what runs every 30 s
        JsonNode sent = awaitEvent(leadId, "message.sent.v1").payload();
        assertThat(sent.get("providerSid").asText()).isEqualTo(twilio.requestsTo(customer).get(0).messageSid());
        assertThat(Fixtures.text("select status from outbound_message where lead_id = ?", leadId)).isEqualTo("queued");
        assertThat(twilio.requestsTo(customer)).hasSize(1);
        assertThat(events(leadId, "message.status-changed.v2")).isEmpty();
    }

    @Test
    void aSendLeftDispatchingByACrashThatTwilioNeverGotGoesBackToTheQueueAndIsSentOnce() throws Exception {
        String customer = freshPhone();
        UUID dealerId = dealerWithNumber(freshPhone());
        UUID leadId = UUID.randomUUID();
        UUID messageId = crashedWhileHandingOver(leadId, dealerId, customer, 0);

        reconciler.reconcile();
        JsonNode sent = awaitEvent(leadId, "message.sent.v1").payload();
        assertThat(sent.get("messageId").asText()).isEqualTo(messageId.toString());
        assertThat(Fixtures.text("select requeues::text from outbound_message where message_id = ?", messageId)).isEqualTo("1");

        // The command is delivered again after the restart: its key exists, nothing more goes to Twilio.
        publishCommand(sendCommand(leadId, dealerId, customer, "Hi"));
        ObjectNode marker = sendCommand(leadId, dealerId, customer, "marker");
        marker.put("idempotencyKey", leadId + ":marker");
        publishCommand(marker);
        await().atMost(PATIENCE).until(() -> twilio.requestsTo(customer).size() >= 2);
        assertThat(twilio.requestsTo(customer)).extracting(FakeTwilio.ReceivedRequest::body).containsExactly("Hi", "marker");
        assertThat(events(leadId, "message.status-changed.v2")).isEmpty();
    }

    @Test
    void aTextTwilioNeverGotAfterTwoRequeuesIsFailedAsNotSent() throws Exception {
        String customer = freshPhone();
        UUID dealerId = dealerWithNumber(freshPhone());
        UUID leadId = UUID.randomUUID();
        UUID messageId = crashedWhileHandingOver(leadId, dealerId, customer, 2);

        reconciler.reconcile();
        JsonNode failed = awaitEvent(leadId, "message.status-changed.v2").payload();
        assertThat(failed.get("messageId").asText()).isEqualTo(messageId.toString());
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("reason").asText()).isEqualTo("not-sent");
        assertThat(Fixtures.text("select refusal_reason from outbound_message where message_id = ?", messageId))
                .isEqualTo("not-sent");
        assertThat(twilio.requestsTo(customer)).isEmpty();
    }

    /** A previous run claimed the text from the queue and died before Twilio had it. */
    private static UUID crashedWhileHandingOver(UUID leadId, UUID dealerId, String customer, int requeuesSoFar)
            throws Exception {
        UUID messageId = UUID.randomUUID();
        Fixtures.execute("""
                insert into outbound_message (message_id, idempotency_key, lead_id, dealer_id, to_phone, from_phone, body,
                    purpose, status, handed_to_twilio, sandbox, requested_at, created_at, dispatch_started_at, requeues)
                values (?, ?, ?, ?, ?, '+15125550100', 'Hi', 'first-touch', 'dispatching', true, false, now(), now(),
                    now() - interval '10 minutes', ?)""", messageId, leadId + ":first-touch", leadId, dealerId, customer,
                requeuesSoFar);
        return messageId;
    }

    @Test
    void aTextAlreadySentByThePreviousRunIsNotSentAgain() throws Exception {
        String customer = freshPhone();
        UUID dealerId = dealerWithNumber(freshPhone());
        UUID leadId = UUID.randomUUID();
        Fixtures.execute("""
                insert into outbound_message (message_id, idempotency_key, lead_id, dealer_id, to_phone, from_phone, body,
                    purpose, status, handed_to_twilio, provider_sid, segments, sandbox, requested_at, created_at, sent_at)
                values (?, ?, ?, ?, ?, '+15125550100', 'Hi', 'first-touch', 'delivered', true, ?, 1, false, now(), now(), now())""",
                UUID.randomUUID(), leadId + ":first-touch", leadId, dealerId, customer,
                "SM" + UUID.randomUUID().toString().replace("-", ""));
        publishCommand(sendCommand(leadId, dealerId, customer, "Hi"));
        ObjectNode marker = sendCommand(leadId, dealerId, customer, "marker");
        marker.put("idempotencyKey", leadId + ":marker");
        publishCommand(marker);

        await().atMost(PATIENCE).until(() -> !twilio.requestsTo(customer).isEmpty());
        assertThat(twilio.requestsTo(customer)).extracting(FakeTwilio.ReceivedRequest::body).containsExactly("marker");
    }

    @Test
    void theKillSwitchStopsEveryText() {
        String customer = freshPhone();
        UUID dealerId = UUID.randomUUID();
        publishDealerAndWait(dealer(dealerId, freshPhone(), null, true, Instant.now()));
        UUID leadId = UUID.randomUUID();
        publishCommand(sendCommand(leadId, dealerId, customer, "Hi"));

        JsonNode failed = awaitEvent(leadId, "message.status-changed.v2").payload();
        assertThat(failed.get("errorMessage").asText()).isEqualTo("dealer kill switch is on");
        assertThat(failed.get("reason").asText()).isEqualTo("kill-switch");
        assertThat(twilio.requestsTo(customer)).isEmpty();
    }

    @Test
    void pastSendBeforeNothingIsHandedToTwilio() {
        String customer = freshPhone();
        UUID dealerId = dealerWithNumber(freshPhone());
        UUID leadId = UUID.randomUUID();
        ObjectNode command = sendCommand(leadId, dealerId, customer, "Too late");
        command.put("sendBefore", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
        publishCommand(command);

        JsonNode failed = awaitEvent(leadId, "message.status-changed.v2").payload();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("errorMessage").asText()).isEqualTo("sending window closed");
        assertThat(failed.get("reason").asText()).isEqualTo("window-closed");
        assertThat(failed.get("errorCode").isNull()).isTrue();
        assertThat(twilio.requestsTo(customer)).isEmpty();
    }

    @Test
    void anOlderDealerRecordDoesNotOverwriteANewerOne() throws Exception {
        UUID dealerId = UUID.randomUUID();
        Instant newer = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publishDealerAndWait(dealer(dealerId, freshPhone(), null, true, newer));
        Fixtures.publishDealer(dealer(dealerId, freshPhone(), null, false, newer.minusSeconds(60)));
        UUID leadId = UUID.randomUUID();
        String customer = freshPhone();
        publishCommand(sendCommand(leadId, dealerId, customer, "Hi"));
        assertThat(awaitEvent(leadId, "message.status-changed.v2").payload().get("errorMessage").asText())
                .isEqualTo("dealer kill switch is on");
        assertThat(twilio.requestsTo(customer)).isEmpty();
    }

    /** The raw record of an event, for its key and headers. */
    record ConsumerRecordView(String key, String source) {
        static ConsumerRecordView of(UUID leadId, String eventId) {
            return TopicReader.readAll(Fixtures.bootstrap(), "message-events").stream()
                    .filter(r -> eventId.equals(TopicReader.header(r, "ce_id")))
                    .map(r -> new ConsumerRecordView(r.key(), TopicReader.header(r, "ce_source"))).findFirst().orElseThrow();
        }
    }
}
