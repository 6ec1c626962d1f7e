package dev.followup.messaging.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.followup.messaging.kafka.MessageEvents.EmailBounced;
import dev.followup.messaging.kafka.MessageEvents.EmailFailed;
import dev.followup.messaging.kafka.MessageEvents.EmailSent;
import dev.followup.messaging.kafka.MessageEvents.EmailUnsubscribed;
import dev.followup.messaging.kafka.MessageEvents.MessageSent;
import dev.followup.messaging.kafka.MessageEvents.MessageStatusChanged;
import dev.followup.messaging.kafka.MessageEvents.OptedIn;
import dev.followup.messaging.kafka.MessageEvents.OptedOut;
import dev.followup.messaging.kafka.MessageEvents.ReplyReceived;
import dev.followup.platform.events.ContractRegistry;

/** The records this service writes and reads, checked against contracts/ (ObjectMapper configured as Quarkus does). */
class ContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ContractRegistry CONTRACTS = new ContractRegistry();
    private static final UUID LEAD = UUID.randomUUID();
    private static final UUID DEALER = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2025-03-14T15:04:02.401Z");
    private static final String SID = "SM0123456789abcdef0123456789abcdef";

    static Stream<Arguments> produced() {
        UUID message = UUID.randomUUID();
        UUID reply = UUID.randomUUID();
        return Stream.of(
                Arguments.of(MessageSent.TYPE, new MessageSent(message, LEAD + ":first-touch", LEAD, DEALER, SID, 1, false, NOW)),
                Arguments.of(MessageSent.TYPE, new MessageSent(message, LEAD + ":first-touch", LEAD, DEALER, null, 2, true, NOW)),
                Arguments.of(MessageStatusChanged.TYPE, new MessageStatusChanged(message, LEAD + ":s1", LEAD, DEALER,
                        "delivered", null, null, null, NOW)),
                Arguments.of(MessageStatusChanged.TYPE, new MessageStatusChanged(message, LEAD + ":s1", LEAD, DEALER,
                        "failed", "opted-out", 21610, "Attempt to send to unsubscribed recipient", NOW)),
                Arguments.of(MessageStatusChanged.TYPE, new MessageStatusChanged(message, LEAD + ":s1", LEAD, DEALER,
                        "failed", "window-closed", null, "sending window closed", NOW)),
                Arguments.of(EmailSent.TYPE, new EmailSent(message, LEAD + ":e1", LEAD, DEALER, false, NOW)),
                Arguments.of(EmailFailed.TYPE, new EmailFailed(message, LEAD + ":e1", LEAD, DEALER, "opted-out", null, NOW)),
                Arguments.of(EmailUnsubscribed.TYPE, new EmailUnsubscribed(LEAD, DEALER, "ana@example.com", message, "one-click", NOW)),
                Arguments.of(EmailBounced.TYPE, new EmailBounced(LEAD, DEALER, "ana@example.com", null, "550 user unknown", NOW)),
                Arguments.of(ReplyReceived.TYPE, new ReplyReceived(reply, LEAD, DEALER, "opt-out", "STOP", null, null, null,
                        SID, NOW)),
                Arguments.of(ReplyReceived.TYPE, new ReplyReceived(reply, LEAD, DEALER, "other", "", null, null, null, null, NOW)),
                Arguments.of(ReplyReceived.TYPE, new ReplyReceived(reply, LEAD, DEALER, "appointment",
                        "Still there? Can I come Saturday at 10?", new MessageEvents.Proposed("saturday", "10:00"),
                        new MessageEvents.Question(List.of("availability"), "Still there?"), null, SID, NOW)),
                Arguments.of(ReplyReceived.TYPE, new ReplyReceived(reply, LEAD, DEALER, "call-me", "call me 12/5",
                        new MessageEvents.Proposed("--12-05", null), null, null, SID, NOW)),
                Arguments.of(ReplyReceived.TYPE, new ReplyReceived(reply, LEAD, DEALER, "not-looking", "bought one",
                        null, null, "bought-elsewhere", SID, NOW)),
                Arguments.of(OptedOut.TYPE, new OptedOut(LEAD, DEALER, "+15125550123", "stop texting me", reply, NOW)),
                Arguments.of(OptedOut.TYPE, new OptedOut(LEAD, DEALER, "+15125550123", "Twilio error 21610", null, NOW)),
                Arguments.of(OptedIn.TYPE, new OptedIn(LEAD, DEALER, "+15125550123", "START", reply, NOW)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("produced")
    void whatWePublishMeetsItsContract(String type, Object payload) {
        JsonNode json = MAPPER.valueToTree(payload);
        assertThat(CONTRACTS.violations(type, json)).as(json.toString()).isEmpty();
    }

    @Test
    void everyReasonWeGiveIsOneTheContractsKnow() {
        for (dev.followup.messaging.domain.RefusalReason reason : dev.followup.messaging.domain.RefusalReason.values()) {
            JsonNode json = MAPPER.valueToTree(new MessageStatusChanged(UUID.randomUUID(), LEAD + ":s1", LEAD, DEALER,
                    "failed", reason.wire(), null, reason.description(), NOW));
            assertThat(CONTRACTS.violations(MessageStatusChanged.TYPE, json)).as(reason.wire()).isEmpty();
        }
    }

    @Test
    void theContractExamplesOfWhatWeConsumeBindToOurRecords() throws Exception {
        JsonNode command = example(SendCommands.SendMessage.TYPE);
        assertThat(CONTRACTS.violations(SendCommands.SendMessage.TYPE, command)).isEmpty();
        SendCommands.SendMessage bound = MAPPER.treeToValue(command, SendCommands.SendMessage.class);
        assertThat(bound.idempotencyKey()).isEqualTo(command.get("idempotencyKey").asText());
        assertThat(bound.sendBefore()).isEqualTo(Instant.parse(command.get("sendBefore").asText()));

        JsonNode email = example(SendCommands.SendEmail.TYPE);
        assertThat(CONTRACTS.violations(SendCommands.SendEmail.TYPE, email)).isEmpty();
        assertThat(MAPPER.treeToValue(email, SendCommands.SendEmail.class).toAddress())
                .isEqualTo(email.get("toAddress").asText());

        JsonNode dealer = example(DealerSettings.TYPE);
        assertThat(CONTRACTS.violations(DealerSettings.TYPE, dealer)).isEmpty();
        DealerSettings settings = MAPPER.treeToValue(dealer, DealerSettings.class);
        assertThat(settings.messagingServiceSid()).isEqualTo(dealer.get("messagingServiceSid").asText());
        assertThat(settings.contactPhone()).isEqualTo(dealer.get("contactPhone").asText());
        assertThat(settings.mailingAddress()).isEqualTo(dealer.get("mailingAddress").asText());
    }

    private static JsonNode example(String type) throws Exception {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("contracts/examples/" + type + ".json")) {
            if (in != null) {
                return MAPPER.readTree(in);
            }
        }
        return MAPPER.readTree(java.nio.file.Path.of("../contracts/examples/" + type + ".json").toFile());
    }
}
