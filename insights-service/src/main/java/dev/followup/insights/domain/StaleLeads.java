package dev.followup.insights.domain;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.followup.platform.transactions.BatchedInserts;

/**
 * Leads whose facts changed (table stale_lead): {@link Rollups} turns them into the dealer days to recompute. A lead
 * is marked once per transaction however many of its events a poll brings, as the transaction commits.
 */
@ApplicationScoped
public class StaleLeads {
    private static final Object MARKED = new Object();
    private static final String MARK = "insert into stale_lead (lead_id) values (?) on conflict do nothing";

    private final BatchedInserts inserts;
    private final TransactionSynchronizationRegistry transactions;

    public StaleLeads(BatchedInserts inserts, TransactionSynchronizationRegistry transactions) {
        this.inserts = inserts;
        this.transactions = transactions;
    }

    public void mark(UUID leadId) {
        @SuppressWarnings("unchecked")
        Set<UUID> marked = (Set<UUID>) transactions.getResource(MARKED);
        if (marked == null) {
            marked = new HashSet<>();
            transactions.putResource(MARKED, marked);
        }
        if (marked.add(leadId)) {
            inserts.add(MARK, leadId);
        }
    }
}
