package dev.followup.cadence.domain.directory;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** The local read model of the dealer directory; a record older than the copy held is ignored. */
@ApplicationScoped
public class Directory {

    /** A dealer as the directory describes it; {@code businessHours} already summarised ("MONDAY 09:00-19:00, ..."). */
    public record DealerUpdate(UUID dealerId, String name, String timeZone, String state, String businessHours,
            String contactPhone, boolean killSwitch, boolean active, String optOutScope, Instant updatedAt) {
    }

    public record RepUpdate(UUID repId, UUID dealerId, String name, int dailyCallCapacity, boolean active, String role,
            Instant updatedAt) {
    }

    public Dealer dealer(UUID dealerId) {
        return dealerId == null ? null : Dealer.findById(dealerId);
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
    }
}
