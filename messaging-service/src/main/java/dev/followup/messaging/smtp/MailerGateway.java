package dev.followup.messaging.smtp;

import java.util.List;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.ext.mail.SMTPException;

import dev.followup.messaging.domain.email.EmailGateway;

/** Sends through the SMTP server configured for the Quarkus mailer (quarkus.mailer.host/port from SMTP_HOST/SMTP_PORT). */
public class MailerGateway implements EmailGateway {
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
            throw new EmailFailureException("the SMTP server did not take the email: " + rootMessage(e), refusedRecipient(e), e);
        }
    }

    /** 550/551/553 to the recipient: the mailbox does not exist or takes no mail. */
    private static boolean refusedRecipient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException smtp) {
                return smtp.getReplyCode() == 550 || smtp.getReplyCode() == 551 || smtp.getReplyCode() == 553;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
