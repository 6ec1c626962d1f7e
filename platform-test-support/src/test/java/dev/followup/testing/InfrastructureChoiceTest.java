package dev.followup.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.BooleanSupplier;

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
    void theChoiceOfThisMachineAndItsServersAgree() {
        InfrastructureChoice here = InfrastructureChoice.fromEnvironment();
        RealInfrastructure.Servers servers = RealInfrastructure.servers();
        boolean named = System.getenv("FOLLOWUP_TEST_KAFKA_BOOTSTRAP") != null;
        assertThat(servers.ownsKafka()).as("embedded broker started by the tests under %s", here)
                .isEqualTo(here == InfrastructureChoice.EMBEDDED && !named);
    }
}
