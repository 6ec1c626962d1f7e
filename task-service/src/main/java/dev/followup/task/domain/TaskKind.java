package dev.followup.task.domain;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the rep does for a task; the wire names of followup.create-task.v1 and task.completed.v1. */
public enum TaskKind {
    CALL("call"),
    TEXT("text"),
    REPLIED_CUSTOMER("replied-customer");

    private final String wire;

    TaskKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Tasks the cadence plan created; a cancel with scope automated drops only these. */
    public boolean automated() {
        return this != REPLIED_CUSTOMER;
    }

    public static TaskKind fromWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task kind " + wire));
    }
}
