package dev.followup.task.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a rep completed a task; the wire names of task.completed.v1. */
public enum Outcome {
    REACHED("reached", "Reached"),
    LEFT_VOICEMAIL("left-voicemail", "Left voicemail"),
    NO_ANSWER("no-answer", "No answer"),
    APPOINTMENT_SET("appointment-set", "Appointment set"),
    SOLD("sold", "Sold"),
    LOST("lost", "Lost");

    private final String wire;
    private final String label;

    Outcome(String wire, String label) {
        this.wire = wire;
        this.label = label;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public String label() {
        return label;
    }

    public boolean needsAppointment() {
        return this == APPOINTMENT_SET;
    }

    public static Optional<Outcome> fromWire(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(wire)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Outcome::wire).toList();
    }
}
