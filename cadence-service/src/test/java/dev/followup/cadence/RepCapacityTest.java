package dev.followup.cadence;

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
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.followup.testing.Quiescence;
import dev.followup.testing.RealInfrastructure;
import dev.followup.testing.TopicReader;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * 3 reps, 200 leads: every rep's list holds at most its daily cap. What overflows becomes an automated text only where
 * the customer's spacing allows one: not an hour after the first text, but two days later.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class RepCapacityTest extends CadenceTestSupport {
    private static final int CAP = 10;
    private static final int LEADS = 200;

    @Test
    void capHoldsWithThreeRepsAndTwoHundredLeads() throws Exception {
        UUID dealerId = dealer("America/Chicago", "TX");
        List<UUID> reps = List.of(rep(dealerId, "Ann", CAP), rep(dealerId, "Ben", CAP), rep(dealerId, "Cy", CAP));
        moveToNext(LocalTime.of(10, 0), CHICAGO);
        Set<UUID> leads = new HashSet<>();
        String[] sources = {"website", "autotrader", "phone", "cars.com"};
        for (int i = 0; i < LEADS; i++) {
            UUID leadId = UUID.randomUUID();
            leads.add(leadId);
            leadCreated(leadId, dealerId, reps.get(i % 3), chicagoPhone(), sources[i % sources.length]);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> count(
                "select count(*) from touch where dealer_id = ? and step_key = 'new-lead.1.first-touch'", dealerId) == LEADS);

        // An hour later every lead's first call step is due at once: 200 candidates for 30 slots.
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        await().atMost(Duration.ofSeconds(120)).until(() -> count("""
                select count(*) from decision d join lead_cadence l on l.lead_id = d.lead_id
                where l.dealer_id = ? and d.step_id = 'new-lead.1.call-1'
                and d.kind in ('task-created', 'call-overflow', 'call-skipped')""", dealerId) == LEADS);

        Map<String, Integer> callTasksPerRep = new HashMap<>();
        List<JsonNode> tasks = new ArrayList<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(bootstrap(), "cadence-commands")) {
            if (leads.contains(UUID.fromString(r.key())) && "followup.create-task.v2".equals(TopicReader.header(r, "ce_type"))) {
                JsonNode task = JSON.readTree(r.value());
                tasks.add(task);
                callTasksPerRep.merge(task.get("repId").asText(), 1, Integer::sum);
            }
        }
        assertThat(callTasksPerRep).hasSize(3);
        assertThat(callTasksPerRep.values()).allSatisfy(n -> assertThat(n).isEqualTo(CAP));
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.get("kind").asText()).isEqualTo("call");
            assertThat(task.get("urgent").asBoolean()).isFalse();
            assertThat(task.get("score").get("factors").has("recency")).isTrue();
            assertThat(task.get("priority").asInt()).isBetween(0, 90);
        });
        for (UUID rep : reps) {
            assertThat(count("select coalesce(sum(call_tasks), 0) from rep_day_load where rep_id = ?", rep)).isEqualTo(CAP);
        }
        assertThat(count("""
                select count(*) from decision d join lead_cadence l on l.lead_id = d.lead_id
                where l.dealer_id = ? and d.kind = 'call-skipped' and d.step_id = 'new-lead.1.call-1'
                and d.reason like '%capacity of 10 reached%no automated touch in its place either%customer spacing%'""",
                dealerId)).isEqualTo(LEADS - 3 * CAP);
        assertThat(count("select count(*) from touch where dealer_id = ? and step_key like '%call-1-text'", dealerId)).isZero();
        // Each call kept off a full list is published for the reports, with its rep and what came instead.
        Quiescence.awaitOutboxEmpty("cadence", Duration.ofSeconds(60));
        List<JsonNode> overCap = new ArrayList<>();
        for (ConsumerRecord<String, String> r : TopicReader.readAll(bootstrap(), "cadence-commands")) {
            if (leads.contains(UUID.fromString(r.key())) && "followup.call-over-cap.v1".equals(TopicReader.header(r, "ce_type"))) {
                overCap.add(JSON.readTree(r.value()));
            }
        }
        assertThat(overCap).hasSize(LEADS - 3 * CAP).allSatisfy(record -> {
            assertThat(record.get("stepId").asText()).isEqualTo("new-lead.1.call-1");
            assertThat(record.get("instead").asText()).isEqualTo("nothing");
            assertThat(reps).contains(UUID.fromString(record.get("repId").asText()));
            assertThat(record.get("reason").asText()).contains("capacity of 10 reached");
        });

        // A day later every lead's second text goes; a day after that the second call step overflows again, and now
        // the customer's last text is a day old: the overflow becomes texts.
        clock.advance(Duration.ofDays(1));
        await().atMost(Duration.ofSeconds(120)).until(() -> count(
                "select count(*) from touch where dealer_id = ? and step_key = 'new-lead.1.text-day1'", dealerId) == LEADS);
        clock.advance(Duration.ofDays(1));
        await().atMost(Duration.ofSeconds(120)).until(() -> count("""
                select count(*) from decision d join lead_cadence l on l.lead_id = d.lead_id
                where l.dealer_id = ? and d.step_id = 'new-lead.1.call-2'
                and d.kind in ('task-created', 'call-overflow', 'call-skipped')""", dealerId) == LEADS);
        long secondDayTasks = count("""
                select count(*) from decision d join lead_cadence l on l.lead_id = d.lead_id
                where l.dealer_id = ? and d.step_id = 'new-lead.1.call-2' and d.kind = 'task-created'""", dealerId);
        assertThat(secondDayTasks).isBetween(1L, (long) 3 * CAP);
        assertThat(count("select count(*) from touch where dealer_id = ? and step_key = 'new-lead.1.call-2-text'", dealerId))
                .isEqualTo(LEADS - secondDayTasks);
    }
}
