package dev.followup.task.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

/**
 * The local copy of the dealer directory. Each record is the full current state; one older (by updatedAt) than
 * the copy held is ignored, so a replayed compacted topic cannot roll a rep or dealer back.
 */
@ApplicationScoped
public class Directory {
    private static final Logger LOG = Logger.getLogger(Directory.class);

    private final EntityManager entityManager;
    /** "Today" for a dealer not (yet) in the directory: the platform's one fallback zone. */
    private final ZoneId defaultZone = dev.followup.platform.time.Zones.FALLBACK;

    public Directory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void saveDealer(UUID dealerId, String name, String timeZone, String country, boolean active, Instant updatedAt) {
        entityManager.createNativeQuery("""
                insert into dealer (dealer_id, name, time_zone, country, active, updated_at) values (?1, ?2, ?3, ?6, ?4, ?5)
                on conflict (dealer_id) do update set name = excluded.name, time_zone = excluded.time_zone,
                    country = excluded.country, active = excluded.active, updated_at = excluded.updated_at
                where dealer.updated_at <= excluded.updated_at""")
                .setParameter(1, dealerId).setParameter(2, name).setParameter(3, timeZone).setParameter(4, active)
                .setParameter(5, updatedAt).setParameter(6, country == null ? "US" : country)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void saveRep(UUID repId, UUID dealerId, String name, Role role, boolean active, Instant updatedAt) {
        entityManager.createNativeQuery("""
                insert into rep (rep_id, dealer_id, name, role, active, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (rep_id) do update set dealer_id = excluded.dealer_id, name = excluded.name,
                    role = excluded.role, active = excluded.active, updated_at = excluded.updated_at
                where rep.updated_at <= excluded.updated_at""")
                .setParameter(1, repId).setParameter(2, dealerId).setParameter(3, name).setParameter(4, role.wire())
                .setParameter(5, active).setParameter(6, updatedAt)
                .executeUpdate();
    }

    public Optional<Rep> rep(UUID repId) {
        return Optional.ofNullable(Rep.findById(repId));
    }

    public List<Rep> repsOf(UUID dealerId) {
        return Rep.list("dealerId = ?1 order by name", dealerId);
    }

    /** The dealer's country (ISO 3166 alpha-2), US while the dealer is unknown. */
    public String countryOf(UUID dealerId) {
        Dealer dealer = Dealer.findById(dealerId);
        return dealer == null || dealer.country == null ? "US" : dealer.country;
    }

    /** The dealer's time zone; the configured default while the dealer is unknown or its zone id is not valid. */
    public ZoneId zoneOf(UUID dealerId) {
        Dealer dealer = Dealer.findById(dealerId);
        if (dealer == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(dealer.timeZone);
        } catch (DateTimeException e) {
            LOG.warnf("dealer %s has an unknown time zone; using %s", dealerId, defaultZone);
            return defaultZone;
        }
    }
}
