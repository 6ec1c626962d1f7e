package dev.followup.messaging.domain.email;

import java.util.Map;

/** Hands one email to the SMTP server (live), or records it (sandbox). */
public interface EmailGateway {
    boolean sandbox();

    /** @param headers extra headers: List-Unsubscribe, List-Unsubscribe-Post, Message-ID */
    record OutgoingEmail(String from, String replyTo, String to, String subject, String text, String html,
            Map<String, String> headers) {
    }

    /** @throws EmailFailureException when the server did not take it */
    void send(OutgoingEmail email);

    /** Why the SMTP server did not take an email. */
    enum Failure {
        /** The server refused the address itself (550/551/553 to RCPT TO): not a deliverable recipient. */
        RECIPIENT_REFUSED,
        /**
         * The server answered "try later" (a 4xx reply: busy, greylisting, too many connections) or could not be
         * reached at all: it has not taken the email, so handing it over again cannot send it twice.
         */
        TRY_LATER,
        /** Any other failure, among them an answer that never came: the email may have been taken. */
        OTHER
    }

    class EmailFailureException extends RuntimeException {
        private final Failure failure;

        public EmailFailureException(String message, Failure failure, Throwable cause) {
            super(message, cause);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }
}
