package dev.followup.cadence.domain.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a step reaches the customer. Every place that treats channels differently switches over this enum without a
 * default branch, so adding a channel is a compile error until each of them handles it (docs/architecture.md lists
 * them).
 */
public enum Channel {
    /** An automated text through messaging-service (Twilio). */
    TEXT("text"),
    /** An automated email through messaging-service (SMTP). */
    EMAIL("email"),
    /** A call task on a rep's list, within the rep's daily capacity. */
    CALL("call");

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Channel fromWire(String value) {
        for (Channel channel : values()) {
            if (channel.wire.equals(value)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a channel: text, email or call");
    }
}
