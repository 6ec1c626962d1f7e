package dev.followup.platform.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.platform.events.ContractRegistry;
import dev.followup.platform.transactions.AfterCommit;
import dev.followup.platform.transactions.BatchedInserts;

/**
 * Writes events into the outbox table inside the caller's transaction: the event exists if and only if the
 * state change commits. The {@link OutboxRelay} publishes it; this class wakes the relay once the transaction
 * has committed so publication does not wait for the next poll.
 * <p>
 * A transaction's events are written together just before it commits, in the order they were published
 * ({@link BatchedInserts}): a consumer applying a poll's records publishes many events in one transaction.
 */
@ApplicationScoped
public class Outbox {
    private static final Object WAKE_KEY = new Object();
    private static final String INSERT = """
            insert into outbox_event (event_id, shard, topic, event_key, event_type, source, occurred_at, payload)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";

    private final ObjectMapper mapper;
    private final ContractRegistry contracts;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final BatchedInserts inserts;
    private final String source;
    private final int shards;
    private final boolean checkContracts;
    private final Clock clock;

    public Outbox(ObjectMapper mapper, ContractRegistry contracts, OutboxRelay relay,
            TransactionSynchronizationRegistry transactions, BatchedInserts inserts, Clock clock,
            @ConfigProperty(name = "quarkus.application.name") String source,
            @ConfigProperty(name = "followup.outbox.shards", defaultValue = "8") int shards,
            @ConfigProperty(name = "followup.outbox.check-contracts", defaultValue = "true") boolean checkContracts) {
        this.mapper = mapper;
        this.contracts = contracts;
        this.relay = relay;
        this.transactions = transactions;
        this.inserts = inserts;
        this.clock = clock;
        this.source = source;
        this.shards = shards;
        this.checkContracts = checkContracts;
    }

    /**
     * Adds an event to the outbox.
     *
     * @param topic where it will be published
     * @param key the record key (the lead id for lead-scoped streams)
     * @param type the CloudEvents type, e.g. {@code lead.created.v1}; the payload must satisfy its contract, which is
     *        checked here unless {@code followup.outbox.check-contracts} is false (see the kit's defaults)
     * @param payload the producer's own record class, serialised with Jackson
     * @return the event id, which is also the CloudEvents {@code ce_id}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(String topic, String key, String type, Object payload) {
        UUID eventId = UUID.randomUUID();
        inserts.add(INSERT, eventId, shardOf(key, shards), topic, key, type, source, Instant.now(clock), json(type, payload));
        wakeRelayAfterCommit();
        return eventId;
    }

    private String json(String type, Object payload) {
        if (checkContracts) {
            JsonNode json = mapper.valueToTree(payload);
            contracts.requireValid(type, json);
            return json.toString();
        }
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(type + " payload cannot be written as JSON", e);
        }
    }

    static int shardOf(String key, int shards) {
        return Math.floorMod(key.hashCode(), shards);
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_KEY) != null) {
            return;
        }
        transactions.putResource(WAKE_KEY, Boolean.TRUE);
        AfterCommit.run(transactions, relay::wakeUp);
    }
}
