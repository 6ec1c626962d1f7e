package dev.followup.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.testcontainers.DockerClientFactory;

/**
 * Which real Kafka and PostgreSQL the tests get, from {@code FOLLOWUP_TEST_INFRA}:
 * <ul>
 * <li>{@code embedded}: the servers platform-infra starts from Maven artifacts (what CI and machines without Docker
 * use; the only choice that lets fault-injection tests stop and restart the servers);</li>
 * <li>{@code testcontainers}: Kafka and PostgreSQL containers (images {@code FOLLOWUP_TEST_KAFKA_IMAGE},
 * {@code FOLLOWUP_TEST_POSTGRES_IMAGE}); fails at once when Docker cannot be reached;</li>
 * <li>unset or {@code auto}: containers when Docker is reachable and {@code CI} is not {@code true}, else embedded.</li>
 * </ul>
 * Servers named by {@code FOLLOWUP_TEST_KAFKA_BOOTSTRAP} / {@code FOLLOWUP_TEST_JDBC_URL} are used whatever the choice.
 */
public enum InfrastructureChoice {
    EMBEDDED, TESTCONTAINERS;

    public static final String VARIABLE = "FOLLOWUP_TEST_INFRA";

    public static InfrastructureChoice fromEnvironment() {
        return choose(System.getenv(), InfrastructureChoice::dockerReachable);
    }

    static InfrastructureChoice choose(Map<String, String> environment, BooleanSupplier dockerReachable) {
        String asked = environment.getOrDefault(VARIABLE, "auto").trim().toLowerCase(Locale.ROOT);
        switch (asked) {
            case "embedded":
                return EMBEDDED;
            case "testcontainers":
                if (!dockerReachable.getAsBoolean()) {
                    throw new IllegalStateException(VARIABLE + "=testcontainers but no Docker environment can be reached "
                            + "(DOCKER_HOST, /var/run/docker.sock); unset it to use the embedded servers");
                }
                return TESTCONTAINERS;
            case "", "auto":
                if ("true".equalsIgnoreCase(environment.get("CI"))) {
                    return EMBEDDED;
                }
                return dockerReachable.getAsBoolean() ? TESTCONTAINERS : EMBEDDED;
            default:
                throw new IllegalStateException(VARIABLE + " must be embedded, testcontainers or auto, not '"
                        + environment.get(VARIABLE) + "'");
        }
    }

    /**
     * Asks Testcontainers only where a Docker endpoint may exist, so a machine without Docker (this project's usual
     * one) is not made to wait for, and log, every discovery strategy failing.
     */
    static boolean dockerReachable() {
        boolean mayExist = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        return mayExist && DockerClientFactory.instance().isDockerAvailable();
    }
}
