package dev.followup.messaging.domain.text;

import java.util.Map;
import java.util.Set;

/**
 * Twilio message statuses and their forward-only order: accepted/queued < sending < sent < delivered | undelivered |
 * failed, and read only after delivered. Callbacks arrive late, twice and out of order; only a forward move is applied.
 */
public final class MessageStatus {
    /** Local: in the dealer's send queue, waiting for its turn at the dealer's rate. */
    public static final String WAITING = "waiting";
    /** Local: the attempt is committed and handed to the Twilio client; Twilio's answer is not recorded yet. */
    public static final String DISPATCHING = "dispatching";
    /** Local: Twilio's answer was lost (a crash, a timeout); being looked up at Twilio; never resent. */
    public static final String UNCONFIRMED = "unconfirmed";
    public static final String FAILED = "failed";

    private static final Map<String, Integer> RANK = Map.of("accepted", 1, "scheduled", 1, "queued", 2, "sending", 3,
            "sent", 4, "delivered", 5, "undelivered", 5, "failed", 5, "read", 6);
    /**
     * The callback statuses announced on message.status-changed: outcomes only. Twilio's way there (queued, sending,
     * sent) is kept on the message but announced to no one: message.sent already says Twilio took the text, no
     * consumer acts on the steps between, and announcing them cost two events and four deliveries per text.
     */
    private static final Set<String> PUBLISHED = Set.of("delivered", "undelivered", "failed", "read");

    private MessageStatus() {
    }

    public static boolean isKnown(String status) {
        return RANK.containsKey(status);
    }

    /** Order of the known statuses (0 for anything else). */
    public static int rank(String status) {
        return RANK.getOrDefault(status, 0);
    }

    public static boolean isPublished(String status) {
        return PUBLISHED.contains(status);
    }

    /** Twilio gave up on the text: it did not reach the handset. */
    public static boolean isFailure(String status) {
        return FAILED.equals(status) || "undelivered".equals(status);
    }

    /** @return true when moving from {@code current} to {@code next} is a step forward. */
    public static boolean isForward(String current, String next) {
        if (!isKnown(next)) {
            return false;
        }
        if (DISPATCHING.equals(current)) {
            return true;
        }
        if (!isKnown(current)) {
            return false; // unconfirmed or an unknown local state: nothing moves it
        }
        if ("read".equals(next)) {
            return !Set.of("undelivered", "failed", "read").contains(current);
        }
        return RANK.get(next) > RANK.get(current);
    }
}
