package dev.followup.task;

import java.util.Map;

import dev.followup.testing.DeadLetterContract;
import dev.followup.testing.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every consumer of task-service: poison records to its dead-letter topic, a database outage waited out. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DeadLettersTest extends DeadLetterContract {
    @Override
    protected String service() {
        return "task";
    }

    @Override
    protected Map<String, String> harmlessTypes() {
        // The example dealer, which no test uses; a send command is recorded and skipped here.
        return Map.of(
                "dealer-directory", "directory.dealer.v1",
                "cadence-commands", "followup.send-message.v1");
    }
}
