package dev.followup.cadence.domain.contact;

/** What a customer's opt-out of one channel stops, as the dealer chose (directory.dealer.v1 optOutScope). */
public enum OptOutScope {
    /** An opt-out of texts also stops automated emails, and an email unsubscribe stops automated texts (default). */
    ALL_CHANNELS,
    /** Each channel's opt-out stops that channel only. */
    CHANNEL;

    public static OptOutScope ofWire(String value) {
        return "channel".equals(value) ? CHANNEL : ALL_CHANNELS;
    }

    public String wire() {
        return this == CHANNEL ? "channel" : "all-channels";
    }
}
