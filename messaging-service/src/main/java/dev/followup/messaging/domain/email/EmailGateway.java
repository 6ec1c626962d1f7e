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

    /** @param recipientRefused the server refused the address itself (5xx to RCPT TO): not a deliverable recipient */
    class EmailFailureException extends RuntimeException {
        private final boolean recipientRefused;

        public EmailFailureException(String message, boolean recipientRefused, Throwable cause) {
            super(message, cause);
            this.recipientRefused = recipientRefused;
        }

        public boolean recipientRefused() {
            return recipientRefused;
        }
    }
}
