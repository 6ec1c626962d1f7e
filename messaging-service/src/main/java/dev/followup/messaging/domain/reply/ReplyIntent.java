package dev.followup.messaging.domain.reply;

/** What a customer's reply means to the platform (message.reply-received.v1 intent). */
public enum ReplyIntent {
    OPT_OUT("opt-out"), OPT_IN("opt-in"), HELP("help"), OTHER("other");

    private final String wire;

    ReplyIntent(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
