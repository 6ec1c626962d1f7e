package dev.followup.cadence.domain.likelihood;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The learned model's examples: each lead as cadence first scored it, and whether it closed (an appointment set or
 * a sale) within {@link #OUTCOME_WINDOW} of coming in. Only the first scoring counts, so a lead called five times
 * weighs as much as one called once.
 */
@ApplicationScoped
public class ScoreSnapshots {
    public static final Duration OUTCOME_WINDOW = Duration.ofDays(30);
    private static final TypeReference<Map<String, Double>> FEATURE_MAP = new TypeReference<>() {
    };
    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    public ScoreSnapshots(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    public void recordFirst(UUID leadId, UUID dealerId, Instant receivedAt, double[] features, Instant now) {
        Map<String, Double> byKey = new LinkedHashMap<>();
        for (int i = 0; i < features.length; i++) {
            byKey.put(LeadFeatures.ALL.get(i).key(), features[i]);
        }
        entityManager.createNativeQuery("insert into score_snapshot (lead_id, dealer_id, received_at, scored_at, features) "
                + "values (?1, ?2, ?3, ?4, ?5) on conflict (lead_id) do nothing")
                .setParameter(1, leadId).setParameter(2, dealerId).setParameter(3, receivedAt).setParameter(4, now)
                .setParameter(5, json(byKey)).executeUpdate();
    }

    public void markClosed(UUID leadId, Instant at) {
        entityManager.createNativeQuery("update score_snapshot set closed_at = ?2 where lead_id = ?1 and closed_at is null")
                .setParameter(1, leadId).setParameter(2, at).executeUpdate();
    }

    /** By dealer: the leads that came in from {@code since} until a full outcome window before {@code now}. */
    @SuppressWarnings("unchecked")
    public Map<UUID, List<LikelihoodFit.Example>> settledSince(Instant since, Instant now) {
        List<Object[]> rows = entityManager.createNativeQuery("select dealer_id, received_at, features, closed_at "
                + "from score_snapshot where received_at >= ?1 and received_at < ?2")
                .setParameter(1, since).setParameter(2, now.minus(OUTCOME_WINDOW)).getResultList();
        Map<UUID, List<LikelihoodFit.Example>> byDealer = new HashMap<>();
        for (Object[] row : rows) {
            Instant received = instant(row[1]);
            Instant closed = row[3] == null ? null : instant(row[3]);
            boolean closedInTime = closed != null && !closed.isAfter(received.plus(OUTCOME_WINDOW));
            byDealer.computeIfAbsent((UUID) row[0], k -> new ArrayList<>())
                    .add(new LikelihoodFit.Example(features((String) row[2]), closedInTime));
        }
        return byDealer;
    }

    private double[] features(String json) {
        Map<String, Double> byKey;
        try {
            byKey = mapper.readValue(json, FEATURE_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable score snapshot", e);
        }
        double[] x = new double[LeadFeatures.ALL.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = byKey.getOrDefault(LeadFeatures.ALL.get(i).key(), 0.0);
        }
        return x;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Instant instant(Object column) {
        return column instanceof Timestamp t ? t.toInstant() : column instanceof Instant i ? i
                : ((java.time.OffsetDateTime) column).toInstant();
    }
}
