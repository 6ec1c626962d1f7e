package dev.followup.cadence.domain.contact;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.followup.cadence.domain.Purpose;
import dev.followup.cadence.domain.plan.Channel;

/**
 * Every automated touch issued to a customer (table touch) and who may not be reached on which channel (table
 * recipient), per dealer: one customer is one (dealer, channel, address) however many leads, merges and plans
 * concern them. {@link #lock} serialises the decisions about one recipient across leads and replicas.
 */
@ApplicationScoped
public class ContactLedger {
    static final Duration RECENT = Duration.ofHours(48);
    private final EntityManager entityManager;

    public ContactLedger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Locks the recipient's row until the transaction ends (creating it the first time).
     *
     * @return whether the recipient may not be reached on that channel
     */
    public boolean lock(UUID dealerId, Channel channel, String address) {
        // A new recipient is inserted, and so locked, in one statement; a known one is locked by the select.
        List<?> inserted = entityManager.createNativeQuery("""
                insert into recipient (dealer_id, channel, address, suppressed) values (?1, ?2, ?3, false)
                on conflict do nothing returning suppressed""")
                .setParameter(1, dealerId).setParameter(2, channel.wire()).setParameter(3, address).getResultList();
        if (!inserted.isEmpty()) {
            return false;
        }
        List<?> known = entityManager.createNativeQuery(
                "select suppressed from recipient where dealer_id = ?1 and channel = ?2 and address = ?3 for update")
                .setParameter(1, dealerId).setParameter(2, channel.wire()).setParameter(3, address).getResultList();
        return !known.isEmpty() && Boolean.TRUE.equals(known.get(0));
    }

    public boolean suppressed(UUID dealerId, Channel channel, String address) {
        List<?> rows = entityManager.createNativeQuery(
                "select suppressed from recipient where dealer_id = ?1 and channel = ?2 and address = ?3")
                .setParameter(1, dealerId).setParameter(2, channel.wire()).setParameter(3, address).getResultList();
        return !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0));
    }

    /** Marks the recipient unreachable on that channel (opt-out, unsubscribe, bounce) with the reason, or reachable again. */
    public void setSuppressed(UUID dealerId, Channel channel, String address, boolean suppressed, String because, Instant at) {
        entityManager.createNativeQuery("""
                insert into recipient (dealer_id, channel, address, suppressed, suppressed_because, changed_at)
                values (?1, ?2, ?3, ?4, ?5, ?6)
                on conflict (dealer_id, channel, address) do update set suppressed = excluded.suppressed,
                suppressed_because = excluded.suppressed_because, changed_at = excluded.changed_at""")
                .setParameter(1, dealerId).setParameter(2, channel.wire()).setParameter(3, address)
                .setParameter(4, suppressed).setParameter(5, because == null ? null : bounded(because, 200))
                .setParameter(6, at).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<Spacing.Touch> recentTouches(UUID dealerId, Channel channel, String address, Instant now) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select sent_at, purpose from touch where dealer_id = ?1 and channel = ?2 and address = ?3 and sent_at > ?4""")
                .setParameter(1, dealerId).setParameter(2, channel.wire()).setParameter(3, address)
                .setParameter(4, now.minus(RECENT)).getResultList();
        return rows.stream().map(r -> new Spacing.Touch(toInstant(r[0]), !Purpose.REMINDER.wire().equals(r[1]))).toList();
    }

    public void record(String idempotencyKey, UUID leadId, UUID dealerId, Channel channel, String address, String stepKey,
            Purpose purpose, boolean exempt, Instant at) {
        entityManager.createNativeQuery("""
                insert into touch (idempotency_key, lead_id, dealer_id, channel, address, step_key, purpose, exempt, sent_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) on conflict do nothing""")
                .setParameter(1, idempotencyKey).setParameter(2, leadId).setParameter(3, dealerId)
                .setParameter(4, channel.wire()).setParameter(5, address).setParameter(6, stepKey)
                .setParameter(7, purpose.wire()).setParameter(8, exempt).setParameter(9, at).executeUpdate();
    }

    /**
     * A touch that never reached the customer (refused before the carrier, or undelivered) is not a touch: it no
     * longer holds the customer's spacing back.
     *
     * @return whether the lead has any other text on record
     */
    public boolean forget(String idempotencyKey, UUID leadId) {
        entityManager.createNativeQuery("delete from touch where idempotency_key = ?1").setParameter(1, idempotencyKey)
                .executeUpdate();
        return ((Number) entityManager.createNativeQuery("select count(*) from touch where lead_id = ?1 and channel = 'text'")
                .setParameter(1, leadId).getSingleResult()).longValue() > 0;
    }

    /** How many retries ({@code <baseKey>~rN}) of one touch this lead has had. */
    public long retriesSoFar(UUID leadId, String baseKey) {
        return ((Number) entityManager.createNativeQuery("select count(*) from touch where lead_id = ?1 and step_key like ?2")
                .setParameter(1, leadId).setParameter(2, baseKey + "~r%").getSingleResult()).longValue();
    }

    /**
     * Locks the lead's recipients at its dealer (text, then email: always this order, so two leads of one customer
     * never deadlock) and returns what the touch rules read, live.
     */
    public TouchRules.Context lockedContext(dev.followup.cadence.domain.LeadCadence lead,
            dev.followup.cadence.domain.directory.Dealer dealer, ContactPolicy policy, Instant now) {
        Map<String, Boolean> locked = new HashMap<>();
        if (lead.phone != null) {
            locked.put(Channel.TEXT.wire() + ":" + lead.phone, lock(lead.dealerId, Channel.TEXT, lead.phone));
        }
        if (lead.email != null) {
            locked.put(Channel.EMAIL.wire() + ":" + lead.email, lock(lead.dealerId, Channel.EMAIL, lead.email));
        }
        return new TouchRules.Context(lead, dealer, policy, of(lead.dealerId, now, locked), now);
    }

    /** The live view the touch rules read; the caller has locked the rows it will decide on. */
    public Recipients of(UUID dealerId, Instant now) {
        return of(dealerId, now, Map.of());
    }

    /** @param locked what locking the lead's recipients found suppressed, by {@code channel:address} */
    private Recipients of(UUID dealerId, Instant now, Map<String, Boolean> locked) {
        return new Recipients() {
            @Override
            public boolean suppressed(Channel channel, String address) {
                if (address == null) {
                    return false;
                }
                Boolean known = locked.get(channel.wire() + ":" + address);
                return known != null ? known : ContactLedger.this.suppressed(dealerId, channel, address);
            }

            @Override
            public List<Spacing.Touch> recentTouches(Channel channel, String address) {
                return address == null ? List.of() : ContactLedger.this.recentTouches(dealerId, channel, address, now);
            }
        };
    }

    public static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value);
    }

    static String bounded(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
