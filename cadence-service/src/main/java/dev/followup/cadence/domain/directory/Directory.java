package dev.followup.cadence.domain.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.followup.platform.cache.ShortLivedCache;

/**
 * The local read model of the dealer directory; a record older than the copy held is ignored. Dealers and reps are
 * read for nearly every record, so the copies are held in memory for a short time (a dealer or rep not known yet is
 * asked for again each time: its directory record may be on its way).
 */
@ApplicationScoped
public class Directory {
    private final ShortLivedCache<UUID, Dealer> dealers;
    private final ShortLivedCache<UUID, Rep> reps;
    private final TransactionSynchronizationRegistry transactions;

    public Directory(TransactionSynchronizationRegistry transactions, @ConfigProperty(name = "followup.settings-cache.ttl", defaultValue = "PT10S") Duration ttl) {
        this.transactions = transactions;
        this.dealers = new ShortLivedCache<>(ttl, 10_000);
        this.reps = new ShortLivedCache<>(ttl, 100_000);
    }

    /** A dealer as the directory describes it; {@code businessHours} already summarised ("MONDAY 09:00-19:00, ..."). */
    public record DealerUpdate(UUID dealerId, String name, String timeZone, String state, String businessHours,
            String contactPhone, boolean killSwitch, boolean active, String optOutScope, Instant updatedAt) {
    }

    public record RepUpdate(UUID repId, UUID dealerId, String name, int dailyCallCapacity, boolean active, String role,
            Instant updatedAt) {
    }

    /** A copy to read (changes to it are not saved); null for a dealer the directory has not brought yet. */
    public Dealer dealer(UUID dealerId) {
        return dealerId == null ? null : dealers.getPresent(dealerId, id -> Dealer.findById(id));
    }

    /** A copy to read (changes to it are not saved); null for a rep the directory has not brought yet. */
    public Rep rep(UUID repId) {
        return repId == null ? null : reps.getPresent(repId, id -> Rep.findById(id));
    }

    public void apply(DealerUpdate update) {
        Dealer dealer = Dealer.findById(update.dealerId());
        if (dealer != null && dealer.updatedAt != null && !update.updatedAt().isAfter(dealer.updatedAt)) {
            return;
        }
        if (dealer == null) {
            dealer = new Dealer();
            dealer.dealerId = update.dealerId();
        }
        dealer.name = update.name();
        dealer.timeZone = update.timeZone();
        dealer.state = update.state();
        dealer.contactPhone = update.contactPhone();
        dealer.businessHours = update.businessHours();
        dealer.killSwitch = update.killSwitch();
        dealer.active = update.active();
        dealer.optOutScope = update.optOutScope();
        dealer.updatedAt = update.updatedAt();
        dealer.persist();
        dealers.invalidate(update.dealerId(), transactions);
    }

    public void apply(RepUpdate update) {
        Rep rep = Rep.findById(update.repId());
        if (rep != null && rep.updatedAt != null && !update.updatedAt().isAfter(rep.updatedAt)) {
            return;
        }
        if (rep == null) {
            rep = new Rep();
            rep.repId = update.repId();
        }
        rep.dealerId = update.dealerId();
        rep.name = update.name();
        rep.dailyCallCapacity = update.dailyCallCapacity();
        rep.active = update.active();
        rep.role = update.role();
        rep.updatedAt = update.updatedAt();
        rep.persist();
        reps.invalidate(update.repId(), transactions);
    }
}
