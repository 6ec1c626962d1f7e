package dev.followup.insights.domain;

/**
 * Reply intents (message.reply-received.v1): STOP and START change the ledger and HELP is answered by the platform;
 * only the rest is the customer talking to the dealer, which is what the reply rate counts.
 */
final class Intent {
    private Intent() {
    }

    static boolean isConversation(String intent) {
        return "other".equals(intent);
    }
}
