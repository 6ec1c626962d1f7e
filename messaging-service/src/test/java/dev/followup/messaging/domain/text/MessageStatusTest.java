package dev.followup.messaging.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "dispatching, queued, true", "queued, sending, true", "queued, sent, true", "sending, sent, true",
            "sent, delivered, true", "sent, undelivered, true", "sent, failed, true", "delivered, read, true",
            "accepted, queued, true", "sent, read, true",
            "sent, queued, false", "delivered, sent, false", "delivered, failed, false", "failed, delivered, false",
            "undelivered, read, false", "failed, read, false", "read, delivered, false", "delivered, delivered, false",
            "sent, canceled, false", "unconfirmed, delivered, false"})
    void onlyForwardMovesAreApplied(String current, String next, boolean forward) {
        assertThat(MessageStatus.isForward(current, next)).isEqualTo(forward);
    }

    @Test
    void statusesOutsideTheContractAreNotPublished() {
        assertThat(MessageStatus.isPublished("partially_delivered")).isFalse();
        assertThat(MessageStatus.isPublished("delivered")).isTrue();
    }
}
