package dev.followup.cadence;

import java.util.Map;

import dev.followup.testing.DeadLetterContract;
import dev.followup.testing.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every consumer of cadence-service: poison records to its dead-letter topic, a database outage waited out. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DeadLettersTest extends DeadLetterContract {
    @Override
    protected String service() {
        return "cadence";
    }

    @Override
    protected Map<String, String> harmlessTypes() {
        // directory.rep.v1: the example rep of a dealer no test uses; the others are about a lead cadence does not know
        // (ignored) or are recorded and skipped (message.sent.v1).
        return Map.of(
                "dealer-directory", "directory.rep.v1",
                "lead-events", "lead.status-changed.v1",
                "message-events", "message.sent.v1",
                "task-events", "task.completed.v1");
    }
}
