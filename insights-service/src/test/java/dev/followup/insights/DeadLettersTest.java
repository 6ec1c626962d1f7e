package dev.followup.insights;

import java.util.Map;

import dev.followup.testing.DeadLetterContract;
import dev.followup.testing.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every consumer of insights-service: poison records to its dead-letter topic, a database outage waited out. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DeadLettersTest extends DeadLetterContract {
    @Override
    protected String service() {
        return "insights";
    }

    @Override
    protected Map<String, String> harmlessTypes() {
        // Contract examples name a dealer and a lead no test of this service reports on.
        return Map.of(
                "dealer-directory", "directory.dealer.v1",
                "lead-events", "lead.created.v1",
                "cadence-commands", "followup.send-message.v1",
                "message-events", "message.sent.v1",
                "task-events", "task.completed.v1");
    }
}
