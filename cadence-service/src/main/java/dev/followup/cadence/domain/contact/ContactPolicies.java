package dev.followup.cadence.domain.contact;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.followup.cadence.config.CadenceSettings;
import dev.followup.platform.cache.ShortLivedCache;

/**
 * Each dealer's contact policy: its own where stored (contact_policy), else the platform defaults. Read for every
 * touch, so the stored ones are held in memory for a short time ({@link ShortLivedCache}).
 */
@ApplicationScoped
public class ContactPolicies {
    private final EntityManager entityManager;
    private final CadenceSettings settings;
    private final TransactionSynchronizationRegistry transactions;
    private final ShortLivedCache<UUID, ContactPolicy> stored;

    public ContactPolicies(EntityManager entityManager, CadenceSettings settings, TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "followup.settings-cache.ttl", defaultValue = "PT10S") Duration ttl) {
        this.entityManager = entityManager;
        this.settings = settings;
        this.transactions = transactions;
        this.stored = new ShortLivedCache<>(ttl, 10_000);
    }

    public ContactPolicy defaults() {
        return new ContactPolicy(new Spacing.Limits(settings.text().minimumGap(), settings.text().dailyLimit()),
                new Spacing.Limits(settings.email().minimumGap(), settings.email().dailyLimit()), settings.mergeWindow());
    }

    public ContactPolicy of(UUID dealerId) {
        ContactPolicy own = dealerId == null ? null : stored.get(dealerId, this::load);
        return own != null ? own : defaults();
    }

    private ContactPolicy load(UUID dealerId) {
        List<?> rows = entityManager.createNativeQuery("""
                select text_minimum_gap_s, text_daily_limit, email_minimum_gap_s, email_daily_limit, merge_window_s
                from contact_policy where dealer_id = ?1""").setParameter(1, dealerId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = (Object[]) rows.get(0);
        return new ContactPolicy(new Spacing.Limits(seconds(r[0]), ((Number) r[1]).intValue()),
                new Spacing.Limits(seconds(r[2]), ((Number) r[3]).intValue()), seconds(r[4]));
    }

    public boolean isCustom(UUID dealerId) {
        return ((Number) entityManager.createNativeQuery("select count(*) from contact_policy where dealer_id = ?1")
                .setParameter(1, dealerId).getSingleResult()).longValue() > 0;
    }

    @Transactional
    public ContactPolicy replace(UUID dealerId, ContactPolicy policy, Instant now) {
        entityManager.createNativeQuery("""
                insert into contact_policy (dealer_id, text_minimum_gap_s, text_daily_limit, email_minimum_gap_s,
                    email_daily_limit, merge_window_s, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                on conflict (dealer_id) do update set text_minimum_gap_s = excluded.text_minimum_gap_s,
                    text_daily_limit = excluded.text_daily_limit, email_minimum_gap_s = excluded.email_minimum_gap_s,
                    email_daily_limit = excluded.email_daily_limit, merge_window_s = excluded.merge_window_s,
                    updated_at = excluded.updated_at""")
                .setParameter(1, dealerId).setParameter(2, policy.text().minimumGap().toSeconds())
                .setParameter(3, policy.text().dailyLimit()).setParameter(4, policy.email().minimumGap().toSeconds())
                .setParameter(5, policy.email().dailyLimit()).setParameter(6, policy.mergeWindow().toSeconds())
                .setParameter(7, now).executeUpdate();
        stored.invalidate(dealerId, transactions);
        return policy;
    }

    private static Duration seconds(Object value) {
        return Duration.ofSeconds(((Number) value).longValue());
    }
}
