package dev.followup.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.followup.platform.events.TopicCatalog;

/**
 * The local run's infrastructure process (deploy/local/up): a real PostgreSQL and a real Kafka broker whose data
 * live under the given directory and survive restarts, the platform's database and every topic of
 * contracts/topics.json, and a real SMTP server (with IMAP, to read what arrived; its mailboxes live in memory).
 * Writes {@code infra.ready} when all serve, stops them cleanly on SIGTERM.
 * <p>
 * Usage: {@code LocalInfrastructure <data-dir> <kafka-port> <kafka-controller-port> <postgres-port> <db-password>
 * <smtp-port> <imap-port>}
 */
public final class LocalInfrastructure {
    public static final String DATABASE = "followup";
    public static final String DB_USER = "followup";

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 7) {
            System.err.println("usage: LocalInfrastructure <data-dir> <kafka-port> <controller-port> <postgres-port> <db-password>"
                    + " <smtp-port> <imap-port>");
            System.exit(2);
        }
        Path data = Path.of(args[0]).toAbsolutePath();
        int kafkaPort = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        int postgresPort = Integer.parseInt(args[3]);
        String dbPassword = args[4];
        int smtpPort = Integer.parseInt(args[5]);
        int imapPort = Integer.parseInt(args[6]);
        Path ready = data.resolve("infra.ready");
        Files.createDirectories(data);
        Files.deleteIfExists(ready);

        PostgresServer postgres = PostgresServer.start(data.resolve("postgres"), postgresPort);
        postgres.ensureDatabase(DATABASE, DB_USER, dbPassword);
        KafkaBroker kafka = KafkaBroker.start(data.resolve("kafka"), kafkaPort, controllerPort);
        List<String> created = Topics.ensure(kafka.bootstrapServers(), TopicCatalog.load());
        MailServer mail = MailServer.start(smtpPort, imapPort);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // the marker is advisory; up checks the ports too
            }
            mail.close();
            kafka.close();
            postgres.close();
            stopped.countDown();
        }, "local-infrastructure-stop"));

        Files.writeString(ready, "kafka=" + kafka.bootstrapServers() + "\njdbc=" + postgres.jdbcUrl(DATABASE)
                + "\nsmtp=127.0.0.1:" + smtpPort + "\n");
        System.out.printf("Local infrastructure ready: Kafka %s, PostgreSQL %s, SMTP 127.0.0.1:%d (IMAP %d), %d topics created%n",
                kafka.bootstrapServers(), postgres.jdbcUrl(DATABASE), smtpPort, imapPort, created.size());
        stopped.await();
    }
}
