package dev.followup.messaging.domain.reply;

import java.util.Set;

/**
 * What a reply says, beyond its intent.
 *
 * @param when the day and time proposed (appointment, call-me), or null
 * @param questions what the customer asks about, in any reply (a visit request may also ask the price); may be empty
 * @param question the sentence that asks, for the rep to see first; null when nothing is asked
 * @param notLooking why automation should stop for good (NOT_LOOKING only), or null
 */
public record ReplyReading(ReplyIntent intent, ProposedTime when, Set<QuestionKind> questions, String question,
        NotLooking notLooking) {

    public enum NotLooking {
        BOUGHT_ELSEWHERE("bought-elsewhere"), NO_LONGER_LOOKING("no-longer-looking");

        private final String wire;

        NotLooking(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public static ReplyReading only(ReplyIntent intent) {
        return new ReplyReading(intent, null, Set.of(), null, null);
    }
}
