package dev.followup.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.followup.infra.FreePorts;
import dev.followup.infra.KafkaBroker;
import dev.followup.infra.MailServer;
import dev.followup.infra.PostgresServer;
import dev.followup.infra.Topics;
import dev.followup.platform.events.TopicCatalog;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Test resource giving every {@code @QuarkusTest} a REAL Kafka broker, a REAL PostgreSQL server and a REAL SMTP server, started once
 * per test JVM and shared by every test class (use with {@code @WithTestResource(value = RealInfrastructure.class,
 * scope = TestResourceScope.GLOBAL)}). Already-running servers are used instead when named by environment:
 * {@code FOLLOWUP_TEST_KAFKA_BOOTSTRAP}, and {@code FOLLOWUP_TEST_JDBC_URL} with {@code FOLLOWUP_TEST_DB_USER} /
 * {@code FOLLOWUP_TEST_DB_PASSWORD}. Otherwise {@link InfrastructureChoice} picks the embedded servers or, where
 * Docker is reachable, Testcontainers.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {
    private static final Logger LOG = Logger.getLogger(RealInfrastructure.class);
    public static final String DATABASE = "followup";
    public static final String DB_USER = "followup";
    public static final String DB_PASSWORD = "followup-test";

    private static Servers servers;

    @Override
    public Map<String, String> start() {
        Servers running = servers();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", running.kafkaBootstrap());
        config.put("quarkus.datasource.jdbc.url", running.jdbcUrl());
        config.put("quarkus.datasource.username", running.dbUser());
        config.put("quarkus.datasource.password", running.dbPassword());
        config.put("followup.email.smtp-host", "localhost");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(running.mail().smtpPort()));
        config.put("quarkus.mailer.start-tls", "DISABLED");
        return config;
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM; a shutdown hook stops the servers when the JVM ends.
    }

    public static synchronized Servers servers() {
        if (servers == null) {
            servers = Servers.startOrAttach();
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "real-infrastructure-stop"));
        }
        return servers;
    }

    /** The running servers, and the means to restart them for fault-injection tests. */
    public static final class Servers implements AutoCloseable {
        private static final String SHARED_KAFKA = "followup.test.shared.kafka-bootstrap";
        private static final String SHARED_JDBC_URL = "followup.test.shared.jdbc-url";
        private final Path directory;
        private final int kafkaPort;
        private final int controllerPort;
        private final int postgresPort;
        private KafkaBroker kafka;
        private PostgresServer postgres;
        private MailServer mail;
        private ContainerServers containers;
        private final String externalKafka;
        private final String externalJdbcUrl;

        private Servers(Path directory, String externalKafka, String externalJdbcUrl) {
            this.directory = directory;
            this.externalKafka = externalKafka;
            this.externalJdbcUrl = externalJdbcUrl;
            this.kafkaPort = FreePorts.any();
            this.controllerPort = FreePorts.any();
            this.postgresPort = FreePorts.any();
        }

        static Servers startOrAttach() {
            try {
                Path directory = Files.createTempDirectory("real-infra-");
                // A test profile restarts Quarkus in a new class loader, where this class starts over: the servers
                // this JVM already started are found through system properties instead of starting a second pair.
                String namedKafka = firstOf(System.getenv("FOLLOWUP_TEST_KAFKA_BOOTSTRAP"), System.getProperty(SHARED_KAFKA));
                String namedJdbcUrl = firstOf(System.getenv("FOLLOWUP_TEST_JDBC_URL"), System.getProperty(SHARED_JDBC_URL));
                long started = System.nanoTime();
                ContainerServers containers = null;
                if ((namedKafka == null || namedJdbcUrl == null)
                        && InfrastructureChoice.fromEnvironment() == InfrastructureChoice.TESTCONTAINERS) {
                    containers = ContainerServers.start(DATABASE, DB_USER, DB_PASSWORD);
                    namedKafka = firstOf(namedKafka, containers.kafkaBootstrap());
                    namedJdbcUrl = firstOf(namedJdbcUrl, containers.jdbcUrl());
                }
                Servers s = new Servers(directory, namedKafka, namedJdbcUrl);
                s.containers = containers;
                if (s.externalKafka == null) {
                    s.kafka = KafkaBroker.start(directory.resolve("kafka"), s.kafkaPort, s.controllerPort);
                }
                if (s.externalJdbcUrl == null) {
                    s.postgres = PostgresServer.start(directory.resolve("postgres"), s.postgresPort);
                    s.postgres.ensureDatabase(DATABASE, DB_USER, DB_PASSWORD);
                }
                s.mail = MailServer.start(FreePorts.any(), 0);
                Topics.ensure(s.kafkaBootstrap(), TopicCatalog.load());
                System.setProperty(SHARED_KAFKA, s.kafkaBootstrap());
                System.setProperty(SHARED_JDBC_URL, s.jdbcUrl());
                LOG.infof("Real Kafka (%s) and PostgreSQL (%s) ready in %d ms (%s)", s.kafkaBootstrap(), s.jdbcUrl(),
                        (System.nanoTime() - started) / 1_000_000, s.describe());
                return s;
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a directory for the test infrastructure", e);
            }
        }

        private String describe() {
            if (containers != null) {
                return "Testcontainers; " + InfrastructureChoice.VARIABLE + "=embedded for the embedded servers";
            }
            return kafka != null && postgres != null ? "embedded servers" : "servers named by the environment";
        }

        private static String firstOf(String first, String second) {
            return first != null ? first : second;
        }

        public String kafkaBootstrap() {
            return externalKafka != null ? externalKafka : kafka.bootstrapServers();
        }

        /** The SMTP server every service under test sends its email to. */
        public MailServer mail() {
            return mail;
        }

        public String jdbcUrl() {
            return externalJdbcUrl != null ? externalJdbcUrl : postgres.jdbcUrl(DATABASE);
        }

        public String dbUser() {
            return externalJdbcUrl != null ? System.getenv().getOrDefault("FOLLOWUP_TEST_DB_USER", DB_USER) : DB_USER;
        }

        public String dbPassword() {
            return externalJdbcUrl != null ? System.getenv().getOrDefault("FOLLOWUP_TEST_DB_PASSWORD", DB_PASSWORD)
                    : DB_PASSWORD;
        }

        /** Stops the broker; its data stays, so {@link #startKafka()} brings back every topic and offset. */
        public synchronized void stopKafka() {
            requireOwned(kafka, "Kafka");
            kafka.close();
            kafka = null;
        }

        public synchronized void startKafka() {
            if (kafka == null) {
                kafka = KafkaBroker.start(directory.resolve("kafka"), kafkaPort, controllerPort);
            }
        }

        /**
         * Whether these tests started the embedded broker (and so may stop it), rather than using a container or one
         * named by environment.
         */
        public synchronized boolean ownsKafka() {
            return externalKafka == null;
        }

        /** Whether these tests started PostgreSQL (and so may stop it), rather than attaching to one named by environment. */
        public synchronized boolean ownsPostgres() {
            return externalJdbcUrl == null;
        }

        /** Stops PostgreSQL; its data stays, so {@link #startPostgres()} brings back every row. */
        public synchronized void stopPostgres() {
            requireOwned(postgres, "PostgreSQL");
            postgres.close();
            postgres = null;
        }

        public synchronized void startPostgres() {
            if (postgres == null) {
                postgres = PostgresServer.start(directory.resolve("postgres"), postgresPort);
            }
        }

        private void requireOwned(Object server, String what) {
            if (server == null) {
                throw new IllegalStateException(what + " is not running or was not started by these tests");
            }
        }

        @Override
        public synchronized void close() {
            if (kafka != null) {
                kafka.close();
                kafka = null;
            }
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
            if (mail != null) {
                mail.close();
                mail = null;
            }
            if (containers != null) {
                containers.close();
                containers = null;
            }
        }
    }
}
