package dev.followup.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotCoordinatorException;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

class RetriedOffsetCommitsTest {
    private static final TopicPartition KEPT = new TopicPartition("lead-events", 0);
    private static final TopicPartition TAKEN_OVER = new TopicPartition("lead-events", 1);

    /** A consumer whose first {@code failures} commits fail as they do while the coordinator moves. */
    private static final class FlakyConsumer {
        final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
        final Set<TopicPartition> assigned = new HashSet<>(Set.of(KEPT, TAKEN_OVER));
        final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
        int failures;
        Runnable whenFailing = () -> { };

        FlakyConsumer(int failures) {
            this.failures = failures;
        }

        @SuppressWarnings("unchecked")
        KafkaConsumer<String, byte[]> asConsumer() {
            return (KafkaConsumer<String, byte[]>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {KafkaConsumer.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "commit" -> {
                            commits.add(Map.copyOf((Map<TopicPartition, OffsetAndMetadata>) args[0]));
                            if (failures-- > 0) {
                                whenFailing.run();
                                yield Uni.createFrom().failure(new NotCoordinatorException("This is not the correct coordinator."));
                            }
                            committed.putAll((Map<TopicPartition, OffsetAndMetadata>) args[0]);
                            yield Uni.createFrom().voidItem();
                        }
                        case "committed" -> {
                            Map<TopicPartition, OffsetAndMetadata> asked = new HashMap<>();
                            for (TopicPartition partition : (TopicPartition[]) args[0]) {
                                asked.put(partition, committed.get(partition));
                            }
                            yield Uni.createFrom().item(asked);
                        }
                        case "getAssignments" -> Uni.createFrom().item(Set.copyOf(assigned));
                        case "toString" -> "flaky consumer";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    private static final Duration FAST = Duration.ofMillis(1);

    @Test
    void aFailedCommitIsTriedAgainUntilItSucceeds() {
        FlakyConsumer flaky = new FlakyConsumer(2);
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(KEPT, new OffsetAndMetadata(35));

        // Through the consumer the throttled strategy is given, with the real back-off (0.25 s, then 0.5 s).
        RetriedOffsetCommits.retryingCommits(flaky.asConsumer()).commit(offsets).await().atMost(Duration.ofSeconds(10));

        assertEquals(List.of(offsets, offsets, offsets), flaky.commits);
    }

    @Test
    void aRetryCommitsOnlyThePartitionsStillAssigned() {
        FlakyConsumer flaky = new FlakyConsumer(1);
        flaky.whenFailing = () -> flaky.assigned.remove(TAKEN_OVER); // the rebalance that made the commit fail

        RetriedOffsetCommits.commitRetried(flaky.asConsumer(),
                Map.of(KEPT, new OffsetAndMetadata(35), TAKEN_OVER, new OffsetAndMetadata(12)), FAST)
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(Map.of(KEPT, new OffsetAndMetadata(35)), flaky.commits.get(1),
                "the partition taken over is left to its new owner");
    }

    @Test
    void aRetryNeverMovesAnOffsetBack() {
        FlakyConsumer flaky = new FlakyConsumer(1);
        // While the retry waits, the partition is revoked (which commits what was processed since) and given back.
        flaky.whenFailing = () -> flaky.committed.put(KEPT, new OffsetAndMetadata(40));

        RetriedOffsetCommits.commitRetried(flaky.asConsumer(),
                Map.of(KEPT, new OffsetAndMetadata(35), TAKEN_OVER, new OffsetAndMetadata(12)), FAST)
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(Map.of(TAKEN_OVER, new OffsetAndMetadata(12)), flaky.commits.get(1), "only the offset still ahead");
        assertEquals(new OffsetAndMetadata(40), flaky.committed.get(KEPT));
    }

    @Test
    void nothingIsCommittedForPartitionsNoLongerAssigned() {
        FlakyConsumer flaky = new FlakyConsumer(1);
        flaky.assigned.clear();

        RetriedOffsetCommits.commitRetried(flaky.asConsumer(), Map.of(KEPT, new OffsetAndMetadata(35)), FAST)
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(List.of(), flaky.commits);
    }

    @Test
    void aCommitThatKeepsFailingFailsInTheEnd() {
        FlakyConsumer flaky = new FlakyConsumer(Integer.MAX_VALUE);

        assertThrows(NotCoordinatorException.class, () -> RetriedOffsetCommits.commitRetried(flaky.asConsumer(),
                Map.of(KEPT, new OffsetAndMetadata(35)), FAST).await().atMost(Duration.ofSeconds(60)));
        assertEquals(1 + 8, flaky.commits.size(), "the first attempt and eight retries");
    }

    @Test
    void everythingElseGoesToTheConsumerItself() {
        FlakyConsumer flaky = new FlakyConsumer(0);
        assertEquals(Set.of(KEPT, TAKEN_OVER),
                RetriedOffsetCommits.retryingCommits(flaky.asConsumer()).getAssignments().await().indefinitely());
    }
}
