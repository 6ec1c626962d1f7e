package dev.followup.insights.domain;

/** How a plan touch reached the customer. */
public enum Channel {
    TEXT("text"),
    EMAIL("email");

    final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    public static Channel fromWire(String wire) {
        return "email".equals(wire) ? EMAIL : TEXT;
    }
}
