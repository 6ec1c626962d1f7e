package dev.followup.task.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.followup.platform.api.ProblemException;
import dev.followup.task.domain.Outcome;

class CompletionTest {
    private static final Instant AT = Instant.parse("2025-03-14T22:30:00Z");

    @Test
    void acceptsEveryOutcomeByItsWireName() {
        assertThat(Completion.parse("left-voicemail", null, "  called twice ").outcome()).isEqualTo(Outcome.LEFT_VOICEMAIL);
        assertThat(Completion.parse("left-voicemail", null, "  called twice ").note()).isEqualTo("called twice");
        assertThat(Completion.parse("appointment-set", AT, null).appointmentAt()).isEqualTo(AT);
        assertThat(Completion.parse("sold", null, " ").note()).isNull();
    }

    @Test
    void refusalsNameTheField() {
        assertField(() -> Completion.parse(null, null, null), "outcome");
        assertField(() -> Completion.parse("voicemail", null, null), "outcome");
        assertField(() -> Completion.parse("appointment-set", null, null), "appointmentAt");
        assertField(() -> Completion.parse("reached", AT, null), "appointmentAt");
        assertField(() -> Completion.parse("lost", null, "x".repeat(2001)), "note");
        assertField(() -> Completion.fromRequest("appointment-set", "tomorrow at five", null), "appointmentAt");
        assertThat(Completion.fromRequest("appointment-set", "2025-03-14T17:30:00-05:00", null).appointmentAt()).isEqualTo(AT);
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
