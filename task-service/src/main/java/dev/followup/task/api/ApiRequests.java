package dev.followup.task.api;

import java.util.UUID;

/** Request bodies of the rep API. */
public final class ApiRequests {
    private ApiRequests() {
    }

    /**
     * outcome: reached | left-voicemail | no-answer | appointment-set | sold | lost; appointmentAt: an RFC 3339
     * instant, required for appointment-set. Instants are read as text so a bad one is refused naming its field.
     */
    public record Complete(String outcome, String appointmentAt, String note) {
    }

    /** until: an RFC 3339 instant. */
    public record Snooze(String until) {
    }

    public record Reassign(UUID repId) {
    }

    public record IssueToken(UUID repId) {
    }
}
