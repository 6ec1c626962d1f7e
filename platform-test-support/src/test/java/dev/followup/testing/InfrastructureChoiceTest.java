package dev.followup.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class InfrastructureChoiceTest {
    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("Docker was looked for although the choice did not need it");
    };

    @Test
    void withoutAChoiceContainersAreUsedWhereDockerIsReachableAndTheEmbeddedServersElsewhere() {
        assertThat(InfrastructureChoice.choose(Map.of(), DOCKER)).isEqualTo(InfrastructureChoice.TESTCONTAINERS);
        assertThat(InfrastructureChoice.choose(Map.of(), NO_DOCKER)).isEqualTo(InfrastructureChoice.EMBEDDED);
        assertThat(InfrastructureChoice.choose(Map.of("FOLLOWUP_TEST_INFRA", "auto"), DOCKER))
                .isEqualTo(InfrastructureChoice.TESTCONTAINERS);
    }

    @Test
    void ciRunsOnTheEmbeddedServersEvenWithDocker() {
        assertThat(InfrastructureChoice.choose(Map.of("CI", "true"), NOT_ASKED)).isEqualTo(InfrastructureChoice.EMBEDDED);
        assertThat(InfrastructureChoice.choose(Map.of("CI", "true", "FOLLOWUP_TEST_INFRA", "testcontainers"), DOCKER))
                .as("an explicit choice wins in CI too").isEqualTo(InfrastructureChoice.TESTCONTAINERS);
    }

    @Test
    void embeddedForcedIsEmbeddedWithoutLookingForDocker() {
        assertThat(InfrastructureChoice.choose(Map.of("FOLLOWUP_TEST_INFRA", " Embedded "), NOT_ASKED))
                .isEqualTo(InfrastructureChoice.EMBEDDED);
    }

    @Test
    void testcontainersAskedForWithoutDockerFailsAtOnceSayingWhy() {
        assertThat(InfrastructureChoice.choose(Map.of("FOLLOWUP_TEST_INFRA", "testcontainers"), DOCKER))
                .isEqualTo(InfrastructureChoice.TESTCONTAINERS);
        assertThatThrownBy(() -> InfrastructureChoice.choose(Map.of("FOLLOWUP_TEST_INFRA", "testcontainers"), NO_DOCKER))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no Docker environment");
    }

    @Test
    void anUnknownChoiceIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> InfrastructureChoice.choose(Map.of("FOLLOWUP_TEST_INFRA", "docker"), NOT_ASKED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FOLLOWUP_TEST_INFRA")
                .hasMessageContaining("'docker'");
    }

    @Test
    void aMachineWithoutADockerEndpointGetsTheEmbeddedServersWithoutWaitingForDocker() {
        Assumptions.assumeTrue(System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))
                && !Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"))
                && !Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock")),
                "this machine has a Docker endpoint");
        Assumptions.assumeTrue(System.getenv(InfrastructureChoice.VARIABLE) == null, "a choice is forced here");
        assertThat(InfrastructureChoice.dockerReachable()).isFalse();
        assertThat(InfrastructureChoice.fromEnvironment()).isEqualTo(InfrastructureChoice.EMBEDDED);
    }
}
