package dev.followup.messaging.domain.reply;

/** What a customer's reply means to the platform (message.reply-received.v2 intent). */
public enum ReplyIntent {
    OPT_OUT("opt-out"), OPT_IN("opt-in"), HELP("help"),
    /** Wants to come in (see the car, test drive, a visit), usually with a day or time. */
    APPOINTMENT("appointment"),
    /** Asks for a phone call, now or at a time. */
    CALL_ME("call-me"),
    /** Asks about price, availability, a trade-in or financing. */
    QUESTION("question"),
    /** Bought elsewhere or stopped looking: nothing more to follow up. */
    NOT_LOOKING("not-looking"),
    OTHER("other");

    private final String wire;

    ReplyIntent(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
