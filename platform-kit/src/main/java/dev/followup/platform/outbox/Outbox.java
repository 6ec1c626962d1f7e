package dev.followup.platform.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.platform.events.ContractRegistry;
import dev.followup.platform.transactions.AfterCommit;

/**
 * Writes events into the outbox table inside the caller's transaction: the event exists if and only if the
 * state change commits. The {@link OutboxRelay} publishes it; this class wakes the relay once the transaction
 * has committed so publication does not wait for the next poll.
 */
@ApplicationScoped
public class Outbox {
    private static final Object WAKE_KEY = new Object();

    private final ObjectMapper mapper;
    private final ContractRegistry contracts;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;
    private final String source;
    private final int shards;
    private final boolean checkContracts;
    private final Clock clock;

    public Outbox(ObjectMapper mapper, ContractRegistry contracts, OutboxRelay relay,
            TransactionSynchronizationRegistry transactions, Clock clock,
            @ConfigProperty(name = "quarkus.application.name") String source,
            @ConfigProperty(name = "followup.outbox.shards", defaultValue = "8") int shards,
            @ConfigProperty(name = "followup.outbox.check-contracts", defaultValue = "true") boolean checkContracts) {
        this.mapper = mapper;
        this.contracts = contracts;
        this.relay = relay;
        this.transactions = transactions;
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
        JsonNode json = mapper.valueToTree(payload);
        if (checkContracts) {
            contracts.requireValid(type, json);
        }
        OutboxEvent event = new OutboxEvent();
        event.eventId = UUID.randomUUID();
        event.shard = shardOf(key, shards);
        event.topic = topic;
        event.eventKey = key;
        event.eventType = type;
        event.source = source;
        event.occurredAt = Instant.now(clock);
        event.payload = json.toString();
        event.persist();
        wakeRelayAfterCommit();
        return event.eventId;
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
