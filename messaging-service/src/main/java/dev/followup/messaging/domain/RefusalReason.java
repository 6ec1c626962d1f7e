package dev.followup.messaging.domain;

/**
 * Why a text or an email did not go out, as the event contracts carry it (message.status-changed.v2 reason,
 * email.failed.v1 reason): a code for the consumer to act on, never a sentence to match.
 */
public enum RefusalReason {
    /** It waited in the dealer's send queue past the end of the recipient's sending window. */
    WINDOW_CLOSED("window-closed", "sending window closed"),
    /** Twilio kept answering 429 Too Many Requests. */
    RATE_LIMITED("rate-limited", "Twilio rate limit"),
    /** The dealer's daily quota (against SMS pumping) is used up. */
    QUOTA_REACHED("quota-reached", "dealer daily quota reached"),
    OPTED_OUT("opted-out", "recipient opted out"),
    DEALER_INACTIVE("dealer-inactive", "dealer is inactive"),
    KILL_SWITCH("kill-switch", "dealer kill switch is on"),
    DEALER_UNKNOWN("dealer-unknown", "dealer unknown to messaging-service"),
    NO_SENDER("no-sender", "dealer has no texting number, messaging service or sender address"),
    /** Not an address that can take the message (invalid number, landline, refused mailbox). */
    INVALID_RECIPIENT("invalid-recipient", "not a recipient that can take it"),
    CARRIER_ERROR("carrier-error", "the carrier or provider did not take or deliver it"),
    /** Twilio's answer was lost, and Twilio has no such message: it never went out. */
    NOT_SENT("not-sent", "Twilio has no such message: not sent"),
    /** The answer was lost and whether it went out could not be established; never resent. */
    UNCONFIRMED("unconfirmed", "not confirmed; never resent");

    private final String wire;
    private final String description;

    RefusalReason(String wire, String description) {
        this.wire = wire;
        this.description = description;
    }

    public String wire() {
        return wire;
    }

    /** For people (the message's errorMessage); consumers use {@link #wire()}. */
    public String description() {
        return description;
    }
}
