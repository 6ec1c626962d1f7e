package dev.followup.messaging.domain;

/** Hands one text to the carrier: Twilio in live mode, a recorder in sandbox mode. */
public interface TextingGateway {
    boolean sandbox();

    /**
     * One call, no retries (the caller decides).
     *
     * @throws SendFailureException when the text was not accepted
     */
    Accepted send(OutboundText text);

    /** @param from the dealer's number, or null when sent through messagingServiceSid */
    record OutboundText(String to, String from, String messagingServiceSid, String body, String statusCallback) {
    }

    record Accepted(String providerSid, String status, int segments) {
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
