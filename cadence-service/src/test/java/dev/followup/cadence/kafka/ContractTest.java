package dev.followup.cadence.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.followup.platform.events.ContractRegistry;

/** The records cadence-service writes satisfy their contracts; the contract examples bind to the records it reads. */
class ContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ContractRegistry contracts = new ContractRegistry();
    private final UUID lead = UUID.randomUUID();
    private final UUID dealer = UUID.randomUUID();
    private final Instant now = Instant.parse("2025-03-14T15:04:02.401Z");

    @Test
    void commandsSatisfyTheirContracts() {
        valid(Commands.SEND_MESSAGE, new Commands.SendMessage(lead + ":new-lead.1.first-touch", lead, dealer, "+15125550123",
                "Hi James. Reply STOP to opt out.", "first-touch", "new-lead.1.first-touch", now, now.plusSeconds(3600)));
        valid(Commands.SEND_MESSAGE, new Commands.SendMessage(lead + ":x", lead, dealer, "+15125550123", "Hi", "cadence",
                null, now, null));
        valid(Commands.CREATE_TASK, new Commands.CreateTask(UUID.randomUUID(), lead, dealer, UUID.randomUUID(), "call", now,
                54, false, "New lead: call", new Commands.Score(0.6, Map.of("recency", 0.45, "engagement", 0.0, "source", 0.16),
                        List.of("came in 1 hour ago: +0.45", "no reply yet: +0.00", "source website: +0.16")),
                new Commands.TaskLead("James Whitaker", "+15125550123", "2024 Honda CR-V"), null, now));
        valid(Commands.CREATE_TASK, new Commands.CreateTask(UUID.randomUUID(), lead, dealer, UUID.randomUUID(),
                "replied-customer", now, 100, true, "Customer replied: \"hi\"", null,
                new Commands.TaskLead("Lead from website", null, null),
                new Commands.TaskReply("other", null, false, "America/Chicago", null, null), now));
        valid(Commands.CREATE_TASK, new Commands.CreateTask(UUID.randomUUID(), lead, dealer, UUID.randomUUID(),
                "replied-customer", now, 100, true, "Wants to come in Sat Dec 5, 10:00 AM: \"Still there? Saturday at 10?\"",
                null, new Commands.TaskLead("Ana Ruiz", "+15125550123", null), new Commands.TaskReply("appointment", now,
                        false, "America/Chicago", new Commands.Question(List.of("availability"), "Still there?"), null), now));
        valid(Commands.CREATE_TASK, new Commands.CreateTask(UUID.randomUUID(), lead, dealer, UUID.randomUUID(),
                "replied-customer", now, 100, true, "Not looking any more (bought elsewhere)", null,
                new Commands.TaskLead("Ana Ruiz", null, null),
                new Commands.TaskReply("not-looking", null, false, "America/Chicago", null, "bought-elsewhere"), now));
        valid(Commands.SEND_EMAIL, new Commands.SendEmail(lead + ":email-first.1.first-email", lead, dealer, "ana@example.com",
                "Hill Country Honda: about the 2024 Honda CR-V", "Hi Ana,\n\nthanks!", "<p>Hi Ana,</p><p>thanks!</p>",
                "first-touch", "email-first.1.first-email", now));
        valid(Commands.CANCEL_TASKS, new Commands.CancelTasks(lead, dealer, "automated", "customer replied", now));
        valid(Commands.CANCEL_TASKS, new Commands.CancelTasks(lead, dealer, "all", "lead sold", now));
        valid(Commands.STEP_HELD_OUT, new Commands.StepHeldOut(lead, dealer, "new-lead.1.day-2-text", "text", 10, now));
        valid(Commands.CALL_OVER_CAP, new Commands.CallOverCap(lead, dealer, UUID.randomUUID(), "new-lead.1.day-1-call",
                "text", "rep's daily call capacity of 8 reached (score 0.31)", now));
    }

    @Test
    void contractExamplesOfConsumedEventsAreValidAndBind() throws Exception {
        Map<String, Class<?>> consumed = Map.ofEntries(
                Map.entry("lead.created.v1", InboundRecords.LeadCreated.class),
                Map.entry("lead.merged.v1", InboundRecords.LeadMerged.class),
                Map.entry("lead.visit-recorded.v1", InboundRecords.VisitRecorded.class),
                Map.entry("lead.status-changed.v1", InboundRecords.StatusChanged.class),
                Map.entry("message.reply-received.v1", InboundRecords.ReplyReceived.class),
                Map.entry("message.reply-received.v2", InboundRecords.ReplyReceived.class),
                Map.entry("message.opted-out.v1", InboundRecords.OptedOut.class),
                Map.entry("message.opted-in.v1", InboundRecords.OptedIn.class),
                Map.entry("message.status-changed.v1", InboundRecords.MessageStatusChanged.class),
                Map.entry("message.status-changed.v2", InboundRecords.MessageStatusChanged.class),
                Map.entry("email.failed.v1", InboundRecords.EmailFailed.class),
                Map.entry("email.unsubscribed.v1", InboundRecords.EmailStopped.class),
                Map.entry("email.bounced.v1", InboundRecords.EmailStopped.class),
                Map.entry("task.completed.v1", InboundRecords.TaskCompleted.class),
                Map.entry("directory.dealer.v1", InboundRecords.DealerSettings.class),
                Map.entry("directory.rep.v1", InboundRecords.RepSettings.class));
        ObjectMapper lenient = MAPPER.copy().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        for (Map.Entry<String, Class<?>> entry : consumed.entrySet()) {
            try (InputStream in = getClass().getResourceAsStream("/contracts/examples/" + entry.getKey() + ".json")) {
                assertThat(in).as(entry.getKey()).isNotNull();
                JsonNode example = MAPPER.readTree(in);
                assertThat(contracts.violations(entry.getKey(), example)).as(entry.getKey()).isEmpty();
                assertThat(lenient.treeToValue(example, entry.getValue())).as(entry.getKey()).isNotNull();
            }
        }
        InboundRecords.LeadCreated created = lenient.treeToValue(MAPPER.readTree(
                getClass().getResourceAsStream("/contracts/examples/lead.created.v1.json")), InboundRecords.LeadCreated.class);
        assertThat(created.customer().phone()).isEqualTo("+15125550123");
        assertThat(created.vehicles().get(0).summary()).isEqualTo("2024 Honda CR-V EX-L");
        assertThat(created.consent().textConsent()).isTrue();
        InboundRecords.MessageStatusChanged failed = lenient.treeToValue(MAPPER.readTree(
                getClass().getResourceAsStream("/contracts/examples/message.status-changed.v2.json")),
                InboundRecords.MessageStatusChanged.class);
        assertThat(WireMapping.textFailure(failed).reason()).isEqualTo(dev.followup.cadence.domain.reaction.DeliveryReactions.Reason.CARRIER_ERROR);
    }

    private void valid(String type, Object command) {
        JsonNode json = MAPPER.valueToTree(command);
        assertThat(contracts.violations(type, json)).as(type + " " + json).isEmpty();
    }
}
