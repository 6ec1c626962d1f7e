package dev.followup.messaging.domain.text;

/** Hands one text to the carrier: Twilio in live mode, a recorder in sandbox mode. */
public interface TextingGateway {
    boolean sandbox();

    /**
     * One call, no retries (the caller decides).
     *
     * @throws SendFailureException when the text was not accepted
     */
    Accepted send(OutboundText text);

    /**
     * Looks up, after its answer was lost, whether the carrier has this text.
     *
     * @param excludedSids message sids already recorded for other texts (an identical earlier text is not this one)
     */
    Lookup find(OutboundText text, java.util.Set<String> excludedSids);

    /** @param from the dealer's number, or null when sent through messagingServiceSid */
    record OutboundText(String to, String from, String messagingServiceSid, String body, String statusCallback) {
    }

    record Accepted(String providerSid, String status, int segments) {
    }

    /** What a lookup found. */
    sealed interface Lookup permits Found, NotFound, LookupFailed {
    }

    record Found(Accepted message) implements Lookup {
    }

    record NotFound() implements Lookup {
    }

    record LookupFailed(String why) implements Lookup {
    }

    class SendFailureException extends RuntimeException {
        private final SendFailure failure;

        public SendFailureException(SendFailure failure, Throwable cause) {
            super(failure.message(), cause);
            this.failure = failure;
        }

        public SendFailure failure() {
            return failure;
        }
    }
}
