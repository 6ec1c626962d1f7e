package dev.followup.messaging.domain.text;

import java.util.Set;

import dev.followup.messaging.domain.RefusalReason;

/**
 * Why Twilio did not take a text, and what to do about it.
 *
 * @param kind RETRY: Twilio said try again (429, 5xx) or the connection could not be made; PERMANENT: Twilio refused
 *        this text for good (invalid number, opted out, ...); UNCONFIRMED: the request may have reached Twilio but no
 *        answer came back, so resending could text the customer twice
 */
public record SendFailure(Kind kind, Integer errorCode, Integer httpStatus, String message) {
    public enum Kind { RETRY, PERMANENT, UNCONFIRMED }

    public static final int OPTED_OUT = 21610;
    /** Codes that are the recipient's or the message's fault whatever the HTTP status says. */
    private static final Set<Integer> PERMANENT_CODES = Set.of(21211, 21408, 21606, 21610, 21612, 21614, 21617, 30003,
            30004, 30005, 30006, 30007, 30008);
    /** Not a number that can take a text: invalid, not mobile, landline, unknown handset. */
    private static final Set<Integer> INVALID_RECIPIENT_CODES = Set.of(21211, 21612, 21614, 30005, 30006);

    /** Classifies a Twilio API error answer. */
    public static SendFailure fromApiError(Integer httpStatus, Integer errorCode, String message) {
        Kind kind;
        if (errorCode != null && PERMANENT_CODES.contains(errorCode)) {
            kind = Kind.PERMANENT;
        } else if (httpStatus != null && (httpStatus == 429 || httpStatus >= 500)) {
            kind = Kind.RETRY;
        } else if (httpStatus != null && httpStatus >= 400) {
            kind = Kind.PERMANENT;
        } else {
            kind = Kind.RETRY; // an unreadable answer: Twilio did not accept the text
        }
        return new SendFailure(kind, errorCode, httpStatus, message);
    }

    public boolean optedOut() {
        return errorCode != null && errorCode == OPTED_OUT;
    }

    /** The reason cadence acts on when this failure is final. */
    public RefusalReason reason() {
        return switch (kind) {
            case UNCONFIRMED -> RefusalReason.UNCONFIRMED;
            case RETRY -> httpStatus != null && httpStatus == 429 ? RefusalReason.RATE_LIMITED : RefusalReason.CARRIER_ERROR;
            case PERMANENT -> reasonOf(errorCode);
        };
    }

    /** A Twilio error code (an API answer or a status callback's ErrorCode) as a reason. */
    public static RefusalReason reasonOf(Integer errorCode) {
        if (errorCode != null && errorCode == OPTED_OUT) {
            return RefusalReason.OPTED_OUT;
        }
        return errorCode != null && INVALID_RECIPIENT_CODES.contains(errorCode) ? RefusalReason.INVALID_RECIPIENT
                : RefusalReason.CARRIER_ERROR;
    }
}
