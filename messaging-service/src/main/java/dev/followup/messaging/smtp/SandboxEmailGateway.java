package dev.followup.messaging.smtp;

import dev.followup.messaging.domain.email.EmailGateway;

/** Sandbox mode (no SMTP server configured): the email is recorded by the caller and goes nowhere. */
public class SandboxEmailGateway implements EmailGateway {
    @Override
    public boolean sandbox() {
        return true;
    }

    @Override
    public void send(OutgoingEmail email) {
    }
}
