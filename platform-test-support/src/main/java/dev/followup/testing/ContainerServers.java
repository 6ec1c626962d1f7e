package dev.followup.testing;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Kafka (KRaft) and PostgreSQL in containers, for machines with Docker ({@link InfrastructureChoice#TESTCONTAINERS}). */
final class ContainerServers implements AutoCloseable {
    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    static final String POSTGRES_IMAGE = "postgres:17";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerServers(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    static ContainerServers start(String database, String user, String password) {
        KafkaContainer kafka = new KafkaContainer(System.getenv().getOrDefault("FOLLOWUP_TEST_KAFKA_IMAGE", KAFKA_IMAGE));
        PostgreSQLContainer postgres = new PostgreSQLContainer(
                System.getenv().getOrDefault("FOLLOWUP_TEST_POSTGRES_IMAGE", POSTGRES_IMAGE))
                .withDatabaseName(database).withUsername(user).withPassword(password);
        kafka.start();
        postgres.start();
        return new ContainerServers(kafka, postgres);
    }

    String kafkaBootstrap() {
        return kafka.getBootstrapServers();
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl();
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
