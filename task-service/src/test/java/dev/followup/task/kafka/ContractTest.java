package dev.followup.task.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.testing.RealInfrastructure;
import dev.followup.platform.events.ContractRegistry;
import dev.followup.task.domain.Outcome;
import dev.followup.task.domain.TaskKind;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The records task-service writes and reads, against contracts/ (serialised with the service's own ObjectMapper). */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ContractTest {
    private final ContractRegistry contracts = new ContractRegistry();

    @Inject
    ObjectMapper mapper;

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void taskCompletedMeetsItsContractForEveryOutcome(Outcome outcome) {
        Instant appointment = outcome.needsAppointment() ? Instant.parse("2025-03-14T22:30:00Z") : null;
        TaskCompleted event = new TaskCompleted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), TaskKind.REPLIED_CUSTOMER, outcome, appointment, outcome == Outcome.LOST ? null : "a note",
                Instant.parse("2025-03-14T15:16:44.123Z"));
        JsonNode json = mapper.valueToTree(event);
        assertThat(contracts.violations(TaskCompleted.TYPE, json)).isEmpty();
        assertThat(json.path("outcome").asText()).isEqualTo(outcome.wire());
        assertThat(json.path("kind").asText()).isEqualTo("replied-customer");
        assertThat(json.path("completedAt").asText()).isEqualTo("2025-03-14T15:16:44.123Z");
    }

    @Test
    void anAppointmentWithoutItsTimeBreaksTheContract() {
        TaskCompleted event = new TaskCompleted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), TaskKind.CALL, Outcome.APPOINTMENT_SET, null, null, Instant.now());
        assertThat(contracts.violations(TaskCompleted.TYPE, mapper.valueToTree(event))).isNotEmpty();
    }

    @Test
    void theConsumedExamplesAreValidAndBindToOurRecords() throws Exception {
        JsonNode create = example("followup.create-task.v1");
        assertThat(contracts.violations(CreateTaskCommand.TYPE, create)).isEmpty();
        CreateTaskCommand command = mapper.treeToValue(create, CreateTaskCommand.class);
        assertThat(TaskKind.fromWire(command.kind())).isEqualTo(TaskKind.REPLIED_CUSTOMER);
        assertThat(command.lead().displayName()).isEqualTo("James Whitaker");
        assertThat(command.score().factors()).containsEntry("recency", 0.45);
        assertThat(command.createdAt()).isEqualTo(Instant.parse("2025-03-14T15:11:30.120Z"));

        JsonNode cancel = example("followup.cancel-tasks.v1");
        assertThat(contracts.violations(CancelTasksCommand.TYPE, cancel)).isEmpty();
        CancelTasksCommand cancelTasks = mapper.treeToValue(cancel, CancelTasksCommand.class);
        assertThat(cancelTasks.includesRepliedCustomer()).isFalse();

        JsonNode dealer = example("directory.dealer.v1");
        assertThat(contracts.violations(DealerSettings.TYPE, dealer)).isEmpty();
        assertThat(mapper.treeToValue(dealer, DealerSettings.class).timeZone()).isEqualTo("America/Chicago");

        JsonNode rep = example("directory.rep.v1");
        assertThat(contracts.violations(RepSettings.TYPE, rep)).isEmpty();
        RepSettings repSettings = mapper.treeToValue(rep, RepSettings.class);
        assertThat(repSettings.role()).isEqualTo("rep");
        assertThat(repSettings.active()).isTrue();

        JsonNode completed = example("task.completed.v1");
        assertThat(contracts.violations(TaskCompleted.TYPE, completed)).isEmpty();
        assertThat(mapper.treeToValue(completed, TaskCompleted.class).outcome()).isEqualTo(Outcome.APPOINTMENT_SET);
    }

    private JsonNode example(String type) throws Exception {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("contracts/examples/" + type + ".json")) {
            assertThat(in).as("example of " + type + " on the classpath").isNotNull();
            return mapper.readTree(in);
        }
    }
}
