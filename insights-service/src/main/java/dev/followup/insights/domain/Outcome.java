package dev.followup.insights.domain;

import java.util.List;

/** Task outcomes (task.completed.v1) and which of them mean the rep spoke with the customer. */
public final class Outcome {
    public static final List<String> ALL = List.of("reached", "left-voicemail", "no-answer", "appointment-set", "sold", "lost");

    private Outcome() {
    }

    static boolean isContact(String outcome) {
        return "reached".equals(outcome) || "appointment-set".equals(outcome) || "sold".equals(outcome);
    }
}
