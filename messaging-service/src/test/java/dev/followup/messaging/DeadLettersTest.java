package dev.followup.messaging;

import java.util.Map;

import dev.followup.testing.DeadLetterContract;
import dev.followup.testing.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every consumer of messaging-service: poison records to its dead-letter topic, a database outage waited out. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DeadLettersTest extends DeadLetterContract {
    @Override
    protected String service() {
        return "messaging";
    }

    @Override
    protected Map<String, String> harmlessTypes() {
        // Both are recorded and skipped: messaging acts on dealers, not reps, and on send commands, not task commands.
        return Map.of(
                "dealer-directory", "directory.rep.v1",
                "cadence-commands", "followup.create-task.v1");
    }
}
