package dev.followup.messaging.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.followup.messaging.domain.email.EmailGateway.Failure;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * What a real SMTP conversation's failure means for the email, with the mail client the Quarkus mailer wraps: a "try
 * later" answer or a server that cannot be reached leaves the email to go again; a refused mailbox and a final
 * refusal do not.
 */
class MailerGatewayTest {
    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    private static Failure failureWhenServerAnswers(Map<String, String> replies) throws IOException {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(replies)) {
            return failureSendingTo(server.port());
        }
    }

    private static Failure failureSendingTo(int port) {
        MailClient client = MailClient.create(vertx, new MailConfig("127.0.0.1", port).setStarttls(StartTLSOptions.DISABLED)
                .setKeepAlive(false));
        MailMessage message = new MailMessage().setFrom("followup@localhost").setTo("ana@example.com")
                .setSubject("about the CR-V").setText("It is still here.");
        try {
            Throwable failure = catchThrowable(() -> client.sendMail(message).toCompletionStage().toCompletableFuture()
                    .get(20, TimeUnit.SECONDS));
            return failure == null ? null : MailerGateway.failureOf(failure);
        } finally {
            client.close();
        }
    }

    @Test
    void aServerThatTakesTheEmailIsNoFailure() throws IOException {
        assertThat(failureWhenServerAnswers(Map.of())).isNull();
    }

    @Test
    void busyAnswersMeanTryLater() throws IOException {
        assertThat(failureWhenServerAnswers(Map.of("greeting", "421 4.3.2 too many connections, try later")))
                .isEqualTo(Failure.TRY_LATER);
        assertThat(failureWhenServerAnswers(Map.of("MAIL", "451 4.7.1 greylisted, try again in 5 minutes")))
                .isEqualTo(Failure.TRY_LATER);
        assertThat(failureWhenServerAnswers(Map.of("RCPT", "450 4.2.1 mailbox busy"))).isEqualTo(Failure.TRY_LATER);
        assertThat(failureWhenServerAnswers(Map.of(".", "452 4.3.1 insufficient system storage")))
                .isEqualTo(Failure.TRY_LATER);
    }

    @Test
    void aGreetingTheClientCannotReadMeansTryLaterForNothingWasSent() throws IOException {
        assertThat(failureWhenServerAnswers(Map.of("greeting", "eenMail SMTP Service v2.1.8 ready")))
                .as("a greeting whose first bytes were lost").isEqualTo(Failure.TRY_LATER);
        assertThat(failureWhenServerAnswers(Map.of("greeting", "554 5.3.2 no service here")))
                .as("a refusal before the email was offered").isEqualTo(Failure.TRY_LATER);
    }

    @Test
    void aServerThatCannotBeReachedMeansTryLater() throws IOException {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        assertThat(failureSendingTo(closedPort)).isEqualTo(Failure.TRY_LATER);
    }

    @Test
    void aRefusedMailboxIsARefusedRecipient() throws IOException {
        assertThat(failureWhenServerAnswers(Map.of("RCPT", "550 5.1.1 no such user"))).isEqualTo(Failure.RECIPIENT_REFUSED);
    }

    @Test
    void aFinalRefusalOfTheMessageIsNoTryLater() throws IOException {
        assertThat(failureWhenServerAnswers(Map.of(".", "554 5.7.1 message refused as spam"))).isEqualTo(Failure.OTHER);
    }
}
