package dev.followup.messaging.smtp;

import java.net.ConnectException;
import java.util.List;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;

import dev.followup.messaging.domain.email.EmailGateway;

/** Sends through the SMTP server configured for the Quarkus mailer (quarkus.mailer.host/port from SMTP_HOST/SMTP_PORT). */
public class MailerGateway implements EmailGateway {
    /**
     * How the mail client words a failure of the greeting and EHLO exchange, before anything of the email is sent
     * (its SMTPInitialDialogue). Seen under load when the greeting's first bytes never reached the client.
     */
    private static final String INITIAL_DIALOGUE = "got error response";

    private final Mailer mailer;

    public MailerGateway(Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public boolean sandbox() {
        return false;
    }

    @Override
    public void send(OutgoingEmail email) {
        Mail mail = new Mail().setFrom(email.from()).setTo(List.of(email.to())).setSubject(email.subject())
                .setText(email.text()).setHtml(email.html());
        if (email.replyTo() != null) {
            mail.setReplyTo(email.replyTo());
        }
        email.headers().forEach(mail::addHeader);
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            throw new EmailFailureException("the SMTP server did not take the email: " + rootMessage(e), failureOf(e), e);
        }
    }

    /** What the mail client's failure says about the email: refused for good, to be tried later, or unknown. */
    static Failure failureOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                int code = smtp.getReplyCode();
                if (code == 550 || code == 551 || code == 553) {
                    return Failure.RECIPIENT_REFUSED;
                }
                boolean nothingSent = smtp.getMessage() != null && smtp.getMessage().startsWith(INITIAL_DIALOGUE);
                return smtp.isTransient() || nothingSent ? Failure.TRY_LATER : Failure.OTHER;
            }
            if (t instanceof ConnectException) {
                return Failure.TRY_LATER; // never connected, so nothing was handed over
            }
        }
        return Failure.OTHER;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
