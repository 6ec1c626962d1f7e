package dev.followup.messaging.domain;

/**
 * Per-dealer protection against SMS pumping and runaway cadences: at most {@code perMinute} texts handed to Twilio in
 * any rolling minute and {@code perDay} in any rolling 24 hours.
 */
public record SendLimits(int perMinute, int perDay) {
    /** @return the refusal reason, or null when one more text is allowed */
    public String refusal(long sentLastMinute, long sentLastDay) {
        if (sentLastDay >= perDay) {
            return "dealer daily text quota reached (" + perDay + " per 24 h)";
        }
        if (sentLastMinute >= perMinute) {
            return "dealer send rate exceeded (" + perMinute + " per minute)";
        }
        return null;
    }
}
