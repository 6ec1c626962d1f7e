package dev.followup.task.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import dev.followup.platform.api.ProblemException;
import dev.followup.task.domain.Outcome;

/** A checked completion request: the outcome is known, an appointment has its time, the note fits. */
record Completion(Outcome outcome, Instant appointmentAt, String note) {
    static final int NOTE_MAX = 2000;

    static Completion fromRequest(String outcomeWire, String appointmentAt, String note) {
        return parse(outcomeWire, instant("appointmentAt", appointmentAt), note);
    }

    static Completion parse(String outcomeWire, Instant appointmentAt, String note) {
        if (outcomeWire == null || outcomeWire.isBlank()) {
            throw ProblemException.badRequest("outcome", "required; one of " + String.join(", ", Outcome.wireNames()));
        }
        Outcome outcome = Outcome.fromWire(outcomeWire.trim()).orElseThrow(() -> ProblemException.badRequest("outcome",
                "'" + outcomeWire + "' is not an outcome; one of " + String.join(", ", Outcome.wireNames())));
        if (outcome.needsAppointment() && appointmentAt == null) {
            throw ProblemException.badRequest("appointmentAt", "required when the outcome is appointment-set");
        }
        if (!outcome.needsAppointment() && appointmentAt != null) {
            throw ProblemException.badRequest("appointmentAt", "only for the outcome appointment-set");
        }
        String trimmed = note == null || note.isBlank() ? null : note.strip();
        if (trimmed != null && trimmed.length() > NOTE_MAX) {
            throw ProblemException.badRequest("note", "at most " + NOTE_MAX + " characters");
        }
        return new Completion(outcome, appointmentAt, trimmed);
    }

    /** An RFC 3339 instant with an offset (e.g. 2025-03-14T22:30:00Z); null or blank is absent. */
    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "'" + value + "' is not an RFC 3339 date-time such as 2025-03-14T22:30:00Z");
        }
    }
}
