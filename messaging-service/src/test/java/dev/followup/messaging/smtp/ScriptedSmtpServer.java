package dev.followup.messaging.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An SMTP server on loopback that speaks the protocol but answers as scripted: the reply to the greeting
 * ({@code "greeting"}), to a command (by its verb: {@code "MAIL"}, {@code "RCPT"}) or to the end of the message data
 * ({@code "."}); everything else is accepted. For the replies a real server gives when it is busy or refuses.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Map<String, String> replies;
    private final Thread acceptor;

    ScriptedSmtpServer(Map<String, String> replies) throws IOException {
        this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.replies = replies;
        this.acceptor = new Thread(this::acceptAll, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                // the client hung up, or the server was closed
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = client.getOutputStream();
        if (!reply(out, replies.getOrDefault("greeting", "220 scripted ESMTP"))) {
            return;
        }
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.split("[ :]", 2)[0].toUpperCase();
            String answer = switch (verb) {
                case "DATA" -> {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message itself
                    }
                    yield replies.getOrDefault(".", "250 queued");
                }
                case "QUIT" -> "221 bye";
                default -> replies.getOrDefault(verb, "250 OK");
            };
            if (!reply(out, answer) || verb.equals("QUIT")) {
                return;
            }
        }
    }

    /** @return whether the conversation goes on: a 421 closes it, as servers do */
    private static boolean reply(OutputStream out, String answer) throws IOException {
        out.write((answer + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return !answer.startsWith("421");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
