package dev.followup.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) on loopback, for the tests and the local run: messaging-service sends to it over SMTP
 * exactly as it would to a provider's server. IMAP on the next port lets a person read what arrived.
 */
public final class MailServer implements AutoCloseable {
    private final GreenMail greenMail;
    private final int smtpPort;

    private MailServer(GreenMail greenMail, int smtpPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
    }

    /** @param imapPort 0 for none */
    public static MailServer start(int smtpPort, int imapPort) {
        ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = imapPort > 0
                ? new GreenMail(new ServerSetup[] {smtp, new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                : new GreenMail(smtp);
        greenMail.start();
        return new MailServer(greenMail, smtpPort);
    }

    public int smtpPort() {
        return smtpPort;
    }

    /** Every message received so far, in arrival order. */
    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    /** Takes no connections, as a server that is down, until {@link #resume()}; what it received so far is forgotten. */
    public void pause() {
        greenMail.stop();
    }

    /** Takes connections on the same port again, once a session on it gets the server's greeting. */
    public void resume() {
        greenMail.start();
        for (int attempt = 1; !greets(); attempt++) {
            if (attempt == 10) {
                throw new IllegalStateException("the SMTP server on port " + smtpPort + " does not greet after a restart");
            }
        }
    }

    private boolean greets() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), smtpPort)) {
            socket.setSoTimeout(2_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = in.readLine();
            socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            return greeting != null && greeting.startsWith("220");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
