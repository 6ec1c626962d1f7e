package dev.followup.messaging.smtp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import dev.followup.messaging.config.EmailSettings;
import dev.followup.messaging.domain.email.EmailGateway;
import io.quarkus.mailer.Mailer;

/** The SMTP server when SMTP_HOST is configured, else the sandbox (emails recorded, not sent). */
public class EmailGatewayProducer {
    private static final Logger LOG = Logger.getLogger(EmailGatewayProducer.class);

    @Produces
    @ApplicationScoped
    EmailGateway gateway(EmailSettings settings, Mailer mailer) {
        if (settings.live()) {
            LOG.infof("Email live mode: SMTP server %s", settings.smtpHost().orElseThrow());
            return new MailerGateway(mailer);
        }
        LOG.warn("*** EMAIL SANDBOX MODE: no SMTP_HOST. Emails are recorded, NOT sent; see GET /messages?leadId=. ***");
        return new SandboxEmailGateway();
    }
}
