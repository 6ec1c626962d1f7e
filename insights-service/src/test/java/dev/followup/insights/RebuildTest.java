package dev.followup.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.followup.testing.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * A rebuilt read model: insights pointed at a schema that does not exist yet and a consumer group that has read
 * nothing replays every topic from the beginning and gives the figures InsightsReportTest saw, to the byte.
 * Quarkus runs the test classes with a profile after those without, so InsightsReportTest has run by then.
 */
@QuarkusTest
@TestProfile(RebuildTest.FreshReadModel.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class RebuildTest {
    private static final Path KEPT = Path.of("target", "report-before-rebuild");

    public static class FreshReadModel implements QuarkusTestProfile {
        private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("followup.insights.schema", "insights_rebuild_" + RUN,
                    "mp.messaging.incoming.dealer-directory.group.id", "insights-rebuild-" + RUN,
                    "mp.messaging.incoming.lead-events.group.id", "insights-rebuild-" + RUN,
                    "mp.messaging.incoming.cadence-commands.group.id", "insights-rebuild-" + RUN,
                    "mp.messaging.incoming.message-events.group.id", "insights-rebuild-" + RUN,
                    "mp.messaging.incoming.task-events.group.id", "insights-rebuild-" + RUN);
        }
    }

    static void keepForTheRebuild(UUID dealer, String reportJson) throws IOException {
        Files.createDirectories(KEPT.getParent());
        Files.writeString(KEPT, dealer + "\n" + reportJson);
    }

    @Test
    void aReplayFromTheBeginningIntoAFreshSchemaGivesIdenticalFigures() throws IOException {
        assertThat(KEPT).as("InsightsReportTest keeps the report it saw; it runs first").exists();
        String[] kept = Files.readString(KEPT).split("\n", 2);
        UUID dealer = UUID.fromString(kept[0]);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath rebuilt = InsightsReportTest.report(InsightsReportTest.ADMIN, null, dealer);
            assertThat(rebuilt).isNotNull();
            assertThat(rebuilt.prettify()).isEqualTo(kept[1]);
        });
    }
}
