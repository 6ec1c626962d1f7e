package dev.followup.task.domain;

public enum TaskStatus {
    OPEN("open"),
    DONE("done"),
    CANCELLED("cancelled");

    private final String wire;

    TaskStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static TaskStatus fromWire(String wire) {
        for (TaskStatus status : values()) {
            if (status.wire.equals(wire)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown task status " + wire);
    }
}
