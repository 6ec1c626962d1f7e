package dev.followup.e2e;

import static dev.followup.e2e.Journeys.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.twilio.FakeTwilio;

/**
 * Hundreds of leads at one dealer in a morning. Last of the run: their live plans would slow every journey after
 * them that moves the shared clocks days ahead.
 */
@Order(100)
class LoadJourneysTest {
    private static final Duration LOAD_PATIENCE = Duration.ofSeconds(300);

    @Test
    void threeHundredLeadsAtADealerRatedAt120AMinuteAreAllTextedPacedInQueueOrder() throws Exception {
        Dealership dealer = Dealership.open(platform(), "Burst Buick", "America/Chicago", "TX", 3, 50,
                Map.of("sendRatePerMinute", 120));
        moveClocksTo(nextLocal(LocalTime.of(9, 0)));
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String phone = newPhone();
            phones.add(phone);
            created(dealer.postLead(jsonLead("website", "Burst" + i, phone)));
        }
        await().atMost(LOAD_PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> textsFrom(dealer).size() >= 300);
        List<FakeTwilio.ReceivedRequest> texts = textsFrom(dealer);
        assertThat(texts).extracting(FakeTwilio.ReceivedRequest::to).containsExactlyInAnyOrderElementsOf(phones);
        // Paced: in no rolling minute did the dealer's number get more than its rate (texts are handed over in order).
        for (int i = 120; i < texts.size(); i++) {
            assertThat(Duration.between(texts.get(i - 120).receivedAt(), texts.get(i).receivedAt()))
                    .as("text %d and the one 120 before it", i).isGreaterThanOrEqualTo(Duration.ofSeconds(59));
        }
        // In order: the texts reached Twilio in the order they joined the dealer's queue.
        assertThat(texts).extracting(FakeTwilio.ReceivedRequest::to).containsExactlyElementsOf(queueOrder(dealer.dealerId));
        System.out.printf("[burst] 300 first texts at 120/min: first to last %d s%n",
                Duration.between(texts.get(0).receivedAt(), texts.get(299).receivedAt()).toSeconds());
        awaitQuiet();
        assertThat(textsFrom(dealer)).hasSize(300);
    }

    @Test
    void threeRepsAndThreeHundredLeadsNeverOverflowAListAndTheOverflowNeverCrowdsACustomer() {
        int cap = 5;
        Dealership dealer = Dealership.open(platform(), "Busy Morning Toyota", "America/Chicago", "TX", 3, cap);
        moveClocksTo(nextLocal(LocalTime.of(9, 0)));
        List<String> leadIds = new ArrayList<>();
        Map<String, String> phoneOf = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            String phone = newPhone();
            String leadId = created(dealer.postLead(jsonLead("website", "Buyer" + i, phone)));
            leadIds.add(leadId);
            phoneOf.put(leadId, phone);
        }
        awaitEach(leadIds, id -> twilio().requestsTo(phoneOf.get(id)).size() >= 1);

        // The first call step of every lead comes due an hour later: 300 candidates for 15 slots.
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
        assertThat(tasksSeen).isBetween(1, 3 * cap);
        // What did not fit got no text an hour after the first one: the customer's spacing holds.
        long skipped = leadIds.stream().filter(id -> done(id, "call-skipped").stream()
                .anyMatch(d -> String.valueOf(d.get("reason")).contains("customer spacing"))).count();
        assertThat(skipped).isGreaterThanOrEqualTo(300 - 3 * cap);
        assertThat(leadIds).allSatisfy(id -> assertThat(twilio().requestsTo(phoneOf.get(id))).hasSize(1));
    }

    private static List<FakeTwilio.ReceivedRequest> textsFrom(Dealership dealer) {
        return twilio().requests().stream().filter(r -> dealer.textingNumber.equals(r.from()) && r.accepted()).toList();
    }

    private static List<String> queueOrder(String dealerId) throws Exception {
        RealInfrastructure.Servers servers = SharedPlatform.servers();
        List<String> order = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(servers.jdbcUrl(), servers.dbUser(), servers.dbPassword());
                PreparedStatement q = db.prepareStatement("select to_phone from messaging.outbound_message"
                        + " where dealer_id = ?::uuid order by priority, queued_seq")) {
            q.setString(1, dealerId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    order.add(rs.getString(1));
                }
            }
        }
        return order;
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
