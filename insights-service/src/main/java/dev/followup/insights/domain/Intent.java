package dev.followup.insights.domain;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reply intents (message.reply-received.v1 and v2): STOP and START change the ledger and HELP is answered by the
 * platform; the rest (appointment, call-me, question, not-looking, other) is the customer talking to the dealer, which
 * is what the reply rate counts.
 */
final class Intent {
    private static final Set<String> NOT_CONVERSATION = Set.of("opt-out", "opt-in", "help");
    /** The same rule in SQL, for a reply aliased {@code r} (spaced: a text block drops the space before it). */
    static final String IS_CONVERSATION = NOT_CONVERSATION.stream().sorted().map(intent -> "'" + intent + "'")
            .collect(Collectors.joining(", ", " r.intent not in (", ") "));

    private Intent() {
    }

    static boolean isConversation(String intent) {
        return !NOT_CONVERSATION.contains(intent);
    }
}
