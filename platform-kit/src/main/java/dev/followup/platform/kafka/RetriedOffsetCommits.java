package dev.followup.platform.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.commit.KafkaThrottledLatestProcessedCommit;
import io.vertx.mutiny.core.Vertx;

/**
 * The connector's throttled commit strategy, with a failed commit tried again. The throttled strategy forgets the
 * offsets of a commit that fails (a broker restart, a coordinator moving during a rebalance) and says it will
 * re-attempt, but only does once a newer record of that partition is processed: a partition that goes quiet keeps
 * a stale committed offset, so its consumer lag never reaches zero (seen after a broker restart and after a killed
 * replica), which keeps lag-based autoscaling up and lag alerts firing. Nothing is lost or applied twice either way
 * (the inbox drops redelivered records); this keeps the lag true.
 * <p>
 * A retry commits only partitions still assigned, and only where its offset is ahead of the one committed now: while
 * it waited, the partition may have been revoked (the revocation commits what was processed since) and given back,
 * and committing the older offset then would leave the partition behind for good once it goes quiet.
 */
@ApplicationScoped
@Identifier(RetriedOffsetCommits.STRATEGY)
public class RetriedOffsetCommits implements KafkaCommitHandler.Factory {
    public static final String STRATEGY = "throttled-retried";
    private static final Logger LOG = Logger.getLogger(RetriedOffsetCommits.class);
    private static final int RETRIES = 8;

    private final KafkaThrottledLatestProcessedCommit.Factory throttled = new KafkaThrottledLatestProcessedCommit.Factory();

    @Override
    public KafkaCommitHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx, KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        return throttled.create(config, vertx, retryingCommits(consumer), reportFailure);
    }

    /** The consumer as the throttled strategy sees it: the same, except that {@code commit} is retried. */
    static KafkaConsumer<?, ?> retryingCommits(KafkaConsumer<?, ?> consumer) {
        return (KafkaConsumer<?, ?>) Proxy.newProxyInstance(RetriedOffsetCommits.class.getClassLoader(),
                new Class<?>[] {KafkaConsumer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commit") && args != null && args.length == 1 && args[0] instanceof Map<?, ?>) {
                        @SuppressWarnings("unchecked")
                        Map<TopicPartition, OffsetAndMetadata> offsets = (Map<TopicPartition, OffsetAndMetadata>) args[0];
                        return commitRetried(consumer, offsets);
                    }
                    try {
                        return method.invoke(consumer, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static Uni<Void> commitRetried(KafkaConsumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        return commitRetried(consumer, offsets, Duration.ofMillis(250));
    }

    /** Tried once and, while it fails, {@value #RETRIES} times more, backing off from {@code firstBackoff} to 4 s. */
    static Uni<Void> commitRetried(KafkaConsumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets,
            Duration firstBackoff) {
        AtomicBoolean retry = new AtomicBoolean();
        return Uni.createFrom().deferred(() -> commitOwned(consumer, offsets, retry.getAndSet(true)))
                .onFailure().invoke(failure -> LOG.debugf(failure, "Commit of %s failed", offsets.keySet()))
                .onFailure().retry().withBackOff(firstBackoff, Duration.ofSeconds(4)).atMost(RETRIES)
                .onFailure().invoke(failure -> LOG.warnf("Commit of %s failed %d times; the offsets stay where they are "
                        + "until a newer record of those partitions is processed: %s", offsets, RETRIES + 1, failure.toString()));
    }

    private static Uni<Void> commitOwned(KafkaConsumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets,
            boolean onlyWhereAhead) {
        return consumer.getAssignments().chain(assigned -> {
            Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(offsets);
            owned.keySet().retainAll(assigned);
            if (owned.isEmpty() || !onlyWhereAhead) {
                return commitAny(consumer, owned);
            }
            return consumer.committed(owned.keySet().toArray(TopicPartition[]::new)).chain(committed -> {
                owned.entrySet().removeIf(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue().offset());
                return commitAny(consumer, owned);
            });
        });
    }

    private static Uni<Void> commitAny(KafkaConsumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        return offsets.isEmpty() ? Uni.createFrom().voidItem() : consumer.commit(offsets);
    }
}
