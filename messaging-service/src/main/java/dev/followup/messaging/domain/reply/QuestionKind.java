package dev.followup.messaging.domain.reply;

/** What a customer's question is about (message.reply-received.v2 question.kinds). */
public enum QuestionKind {
    PRICE("price"), AVAILABILITY("availability"), TRADE_IN("trade-in"), FINANCING("financing");

    private final String wire;

    QuestionKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
