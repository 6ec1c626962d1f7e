package dev.followup.e2e;

import static dev.followup.e2e.Journeys.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.followup.testing.twilio.FakeTwilio;

/**
 * Hundreds of leads at one dealer in a morning. Last of the run: their live plans would slow every journey after
 * them that moves the shared clocks days ahead.
 */
@Order(100)
class LoadJourneysTest {
    private static final Duration LOAD_PATIENCE = Duration.ofSeconds(300);

    @Test
    void threeHundredLeadsAtADealerRatedAt120AMinuteAreAllTextedPacedInQueueOrderThroughAKillOfMessaging()
            throws Exception {
        Dealership dealer = Dealership.open(platform(), "Burst Buick", "America/Chicago", "TX", 3, 50,
                Map.of("sendRatePerMinute", 120));
        moveClocksTo(nextLocal(LocalTime.of(9, 0)));
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String phone = newPhone();
            phones.add(phone);
            created(dealer.postLead(jsonLead("website", "Burst" + i, phone)));
        }
        // kill -9 in the middle of the first minute's drain, while Twilio has a text whose answer has not come back.
        await().atMost(LOAD_PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> textsFrom(dealer).size() >= 60);
        twilio().holdAnswers(Duration.ofSeconds(10));
        int beforeHold = textsFrom(dealer).size();
        await().atMost(LOAD_PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> textsFrom(dealer).size() > beforeHold);
        platform().messaging().kill();
        twilio().holdAnswers(Duration.ZERO);
        FakeTwilio.ReceivedRequest unanswered = textsFrom(dealer).get(beforeHold);
        platform().messaging().start();
        platform().messaging().awaitReady(Duration.ofSeconds(90));

        // A text claimed by the killed process is settled by a lookup at Twilio once it has been dispatching for
        // followup.messaging.unconfirmed-after (20 s in these journeys).
        await().atMost(LOAD_PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> count(dealer, "true") == 300
                && count(dealer, "status in ('waiting', 'dispatching', 'unconfirmed')") == 0 && textsFrom(dealer).size() >= 300);
        List<FakeTwilio.ReceivedRequest> texts = textsFrom(dealer);
        System.out.printf("[burst] 300 first texts at 120/min through a kill of messaging: first to last %d s%n",
                Duration.between(texts.get(0).receivedAt(), texts.get(texts.size() - 1).receivedAt()).toSeconds());
        awaitQuiet();

        // Nothing lost, nothing twice: one text to each customer, every one of them recorded as handed to Twilio.
        texts = textsFrom(dealer);
        assertThat(texts).extracting(FakeTwilio.ReceivedRequest::to).containsExactlyInAnyOrderElementsOf(phones);
        assertThat(count(dealer, "status in ('queued', 'sent', 'delivered') and provider_sid is not null")).isEqualTo(300);
        // Paced: in no rolling minute of the services' clock were more than 120 handed to Twilio (the pacer's rule,
        // read from when each left the queue, not from when the fake Twilio happened to receive it).
        List<java.time.Instant> left = rows("select dispatch_started_at from messaging.outbound_message"
                + " where dealer_id = ?::uuid order by dispatch_started_at", dealer.dealerId).stream()
                .map(row -> ((java.sql.Timestamp) row.get("dispatch_started_at")).toInstant()).toList();
        assertThat(left).hasSize(300).doesNotContainNull();
        for (int i = 120; i < left.size(); i++) {
            assertThat(Duration.between(left.get(i - 120), left.get(i))).as("text %d and the one 120 before it", i)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        }
        // In order: the texts reached Twilio in the order they joined the dealer's queue, but for one the killed
        // process had claimed and never handed over, which went out once it was found missing at Twilio.
        // The text whose answer the killed process never had was found at Twilio and recorded with Twilio's sid.
        assertThat(phonesOf(dealer, "provider_sid = '" + unanswered.messageSid() + "'")).containsExactly(unanswered.to());
        List<String> requeued = phonesOf(dealer, "requeues > 0");
        assertThat(requeued).hasSizeLessThanOrEqualTo(1);
        assertThat(texts).extracting(FakeTwilio.ReceivedRequest::to).filteredOn(phone -> !requeued.contains(phone))
                .containsExactlyElementsOf(phonesOf(dealer, "requeues = 0 order by priority, queued_seq"));
    }

    @Test
    void threeRepsAndAHundredAndTwentyLeadsNeverOverflowAListAndTheOverflowNeverCrowdsACustomer() {
        int cap = 5;
        int leads = 120;
        Dealership dealer = Dealership.open(platform(), "Busy Morning Toyota", "America/Chicago", "TX", 3, cap);
        moveClocksTo(nextLocal(LocalTime.of(9, 0)));
        List<String> leadIds = new ArrayList<>();
        Map<String, String> phoneOf = new HashMap<>();
        for (int i = 0; i < leads; i++) {
            String phone = newPhone();
            String leadId = created(dealer.postLead(jsonLead("website", "Buyer" + i, phone)));
            leadIds.add(leadId);
            phoneOf.put(leadId, phone);
        }
        awaitEach(leadIds, id -> twilio().requestsTo(phoneOf.get(id)).size() >= 1);

        // The first call step of every lead comes due an hour later: 120 candidates for 15 slots.
        advanceClocks(Duration.ofMinutes(61));
        awaitEach(leadIds, id -> done(id, "task-created").size() + done(id, "call-skipped").size()
                + done(id, "call-overflow").size() > 0);
        awaitQuiet();
        int tasksSeen = 0;
        for (String rep : dealer.repIds) {
            List<Map<String, Object>> list = dealer.tasksOf(rep);
            assertThat(list).filteredOn(t -> "call".equals(t.get("kind"))).hasSizeLessThanOrEqualTo(cap);
            tasksSeen += list.size();
        }
        assertThat(tasksSeen).as("120 candidates for 15 slots: every slot filled").isEqualTo(3 * cap);
        // What did not fit got no text an hour after the first one: the customer's spacing holds.
        long skipped = leadIds.stream().filter(id -> done(id, "call-skipped").stream()
                .anyMatch(d -> String.valueOf(d.get("reason")).contains("customer spacing"))).count();
        assertThat(skipped).isGreaterThanOrEqualTo(leads - 3 * cap);
        assertThat(leadIds).allSatisfy(id -> assertThat(twilio().requestsTo(phoneOf.get(id))).hasSize(1));
    }

    private static List<FakeTwilio.ReceivedRequest> textsFrom(Dealership dealer) {
        return twilio().requests().stream().filter(r -> dealer.textingNumber.equals(r.from()) && r.accepted()).toList();
    }

    /** The customers of the dealer's texts that match the condition (SQL over messaging.outbound_message). */
    private static List<String> phonesOf(Dealership dealer, String condition) {
        return rows("select to_phone from messaging.outbound_message where dealer_id = ?::uuid and " + condition,
                dealer.dealerId).stream().map(row -> (String) row.get("to_phone")).toList();
    }

    private static long count(Dealership dealer, String condition) {
        return Journeys.count("select count(*) from messaging.outbound_message where dealer_id = ?::uuid and " + condition,
                dealer.dealerId);
    }

    /** Waits until the condition holds for every lead, checking again only the leads for which it did not yet. */
    private static void awaitEach(List<String> leadIds, Predicate<String> condition) {
        Set<String> pending = new HashSet<>(leadIds);
        await().atMost(LOAD_PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            pending.removeIf(condition);
            return pending.isEmpty();
        });
    }
}
