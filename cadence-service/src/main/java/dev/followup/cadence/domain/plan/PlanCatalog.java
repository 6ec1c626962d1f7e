package dev.followup.cadence.domain.plan;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.platform.cache.ShortLivedCache;

/**
 * Each dealer's plans: the dealer's own where stored (dealer_plan), else the defaults in plans/defaults.json. A plan is
 * read for every step run, so the stored ones are held in memory for a short time ({@link ShortLivedCache}).
 */
@ApplicationScoped
public class PlanCatalog {
    private record DealerPlan(UUID dealerId, PlanKind kind) {
    }

    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final Map<PlanKind, Plan> defaults;
    private final ShortLivedCache<DealerPlan, Plan> stored;

    public PlanCatalog(EntityManager entityManager, ObjectMapper mapper, dev.followup.platform.time.MovableClock clock,
            TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "followup.settings-cache.ttl", defaultValue = "PT10S") Duration ttl) {
        this.entityManager = entityManager;
        this.mapper = mapper;
        this.clock = clock;
        this.transactions = transactions;
        this.defaults = loadDefaults(mapper);
        this.stored = new ShortLivedCache<>(ttl, 10_000);
    }

    public static Map<PlanKind, Plan> loadDefaults(ObjectMapper mapper) {
        try (InputStream in = PlanCatalog.class.getResourceAsStream("/plans/defaults.json")) {
            JsonNode root = mapper.readTree(in);
            Map<PlanKind, Plan> plans = new EnumMap<>(PlanKind.class);
            for (PlanKind kind : PlanKind.values()) {
                Plan plan = mapper.treeToValue(root.required(kind.key()), Plan.class);
                PlanRules.check(kind, plan).ifPresent(v -> {
                    throw new IllegalStateException("default plan " + kind.key() + " is invalid: " + v);
                });
                plans.put(kind, plan);
            }
            return plans;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read plans/defaults.json", e);
        }
    }

    public Plan defaultPlan(PlanKind kind) {
        return defaults.get(kind);
    }

    public Plan plan(UUID dealerId, PlanKind kind) {
        Plan own = dealerId == null ? null : stored.get(new DealerPlan(dealerId, kind), this::load);
        return own != null ? own : defaults.get(kind);
    }

    private Plan load(DealerPlan which) {
        @SuppressWarnings("unchecked")
        List<String> rows = entityManager.createNativeQuery(
                "select plan_json from dealer_plan where dealer_id = ?1 and plan_kind = ?2")
                .setParameter(1, which.dealerId()).setParameter(2, which.kind().key()).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        try {
            return mapper.readValue(rows.get(0), Plan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored plan " + which.kind().key() + " of dealer " + which.dealerId()
                    + " is unreadable", e);
        }
    }

    public boolean isCustom(UUID dealerId, PlanKind kind) {
        return ((Number) entityManager.createNativeQuery(
                "select count(*) from dealer_plan where dealer_id = ?1 and plan_kind = ?2")
                .setParameter(1, dealerId).setParameter(2, kind.key()).getSingleResult()).longValue() > 0;
    }

    /** Stores a plan that passed {@link PlanRules}; leads already running keep their step positions. */
    @Transactional
    public Plan replace(UUID dealerId, PlanKind kind, Plan plan) {
        Plan normalised = new Plan(kind.key(), plan.steps());
        try {
            entityManager.createNativeQuery("""
                    insert into dealer_plan (dealer_id, plan_kind, plan_json, updated_at) values (?1, ?2, ?3, ?4)
                    on conflict (dealer_id, plan_kind) do update set plan_json = excluded.plan_json,
                    updated_at = excluded.updated_at""")
                    .setParameter(1, dealerId).setParameter(2, kind.key())
                    .setParameter(3, mapper.writeValueAsString(normalised)).setParameter(4, clock.instant())
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        stored.invalidate(new DealerPlan(dealerId, kind), transactions);
        return normalised;
    }
}
