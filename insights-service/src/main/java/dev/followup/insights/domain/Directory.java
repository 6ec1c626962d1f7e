package dev.followup.insights.domain;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The dealers and reps insights has read from the dealer directory. */
@ApplicationScoped
public class Directory {
    private final EntityManager em;

    public Directory(EntityManager em) {
        this.em = em;
    }

    public Optional<Dealer> dealer(UUID dealerId) {
        List<?> rows = em.createNativeQuery("select name, time_zone from dealer where dealer_id = ?1")
                .setParameter(1, dealerId).getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] columns = (Object[]) row;
            return new Dealer(dealerId, (String) columns[0], zone((String) columns[1]));
        });
    }

    public Optional<Staff> staff(UUID repId) {
        List<?> rows = em.createNativeQuery("select dealer_id, role, active from rep where rep_id = ?1")
                .setParameter(1, repId).getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] columns = (Object[]) row;
            return new Staff(repId, (UUID) columns[0], (String) columns[1], (Boolean) columns[2]);
        });
    }

    /** lead-service checks the zone when a dealer is saved; an unreadable one still gives a report, in UTC. */
    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
