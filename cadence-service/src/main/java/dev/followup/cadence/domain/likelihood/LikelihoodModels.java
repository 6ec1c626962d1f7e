package dev.followup.cadence.domain.likelihood;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fitted models, every version kept. Scoring reads the newest of each dealer and of the platform from a copy
 * held in memory for {@link #FRESH_FOR}, so that a refit on one replica reaches the others within that time.
 */
@ApplicationScoped
public class LikelihoodModels {
    public static final UUID PLATFORM = new UUID(0, 0);
    static final Duration FRESH_FOR = Duration.ofMinutes(10);
    private static final TypeReference<Map<String, Double>> WEIGHTS = new TypeReference<>() {
    };
    private final EntityManager entityManager;
    private final ObjectMapper mapper;
    private volatile Map<UUID, LikelihoodModel> newest;
    private volatile Instant loadedAt = Instant.MIN;

    public LikelihoodModels(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /** The dealer's own model, else the platform's; empty while there is not enough history for either. */
    public java.util.Optional<LikelihoodModel> forDealer(UUID dealerId, Instant now) {
        if (newest == null || Duration.between(loadedAt, now).compareTo(FRESH_FOR) > 0 || now.isBefore(loadedAt)) {
            newest = loadNewest();
            loadedAt = now;
        }
        LikelihoodModel own = newest.get(dealerId);
        return java.util.Optional.ofNullable(own != null ? own : newest.get(PLATFORM));
    }

    /** Reads the stored models again at the next scoring, e.g. after a bad version was deleted by hand. */
    public void refresh() {
        newest = null;
    }

    public int nextVersion(UUID scope) {
        Number max = (Number) entityManager.createNativeQuery("select coalesce(max(version), 0) from likelihood_model where scope = ?1")
                .setParameter(1, scope).getSingleResult();
        return max.intValue() + 1;
    }

    public void store(LikelihoodModel model) {
        entityManager.createNativeQuery("insert into likelihood_model (scope, version, fitted_at, intercept, weights, hot_from, "
                + "trained_on, positives) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, scopeOf(model.dealerId())).setParameter(2, model.version()).setParameter(3, model.fittedAt())
                .setParameter(4, model.intercept()).setParameter(5, json(model.weights())).setParameter(6, model.hotFrom())
                .setParameter(7, model.trainedOn()).setParameter(8, model.positives()).executeUpdate();
        newest = null;
    }

    /** Every stored version of one scope, newest first (for operations and tests). */
    @SuppressWarnings("unchecked")
    public List<LikelihoodModel> versions(UUID dealerIdOrNull) {
        List<Object[]> rows = entityManager.createNativeQuery("select scope, version, fitted_at, intercept, weights, hot_from, "
                + "trained_on, positives from likelihood_model where scope = ?1 order by version desc")
                .setParameter(1, scopeOf(dealerIdOrNull)).getResultList();
        return rows.stream().map(this::model).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, LikelihoodModel> loadNewest() {
        List<Object[]> rows = entityManager.createNativeQuery("select distinct on (scope) scope, version, fitted_at, intercept, "
                + "weights, hot_from, trained_on, positives from likelihood_model order by scope, version desc").getResultList();
        Map<UUID, LikelihoodModel> models = new HashMap<>();
        for (Object[] row : rows) {
            models.put((UUID) row[0], model(row));
        }
        return Map.copyOf(models);
    }

    private LikelihoodModel model(Object[] row) {
        UUID scope = (UUID) row[0];
        try {
            return new LikelihoodModel(PLATFORM.equals(scope) ? null : scope, ((Number) row[1]).intValue(),
                    ScoreSnapshots.instant(row[2]), ((Number) row[3]).doubleValue(), mapper.readValue((String) row[4], WEIGHTS),
                    ((Number) row[5]).doubleValue(), ((Number) row[6]).intValue(), ((Number) row[7]).intValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable likelihood model " + scope + " v" + row[1], e);
        }
    }

    private static UUID scopeOf(UUID dealerId) {
        return dealerId == null ? PLATFORM : dealerId;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
