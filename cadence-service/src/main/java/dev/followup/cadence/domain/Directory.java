package dev.followup.cadence.domain;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.followup.cadence.messaging.InboundRecords.DealerSettings;
import dev.followup.cadence.messaging.InboundRecords.RepSettings;

/** The local read model of the dealer directory; a record older than the copy held is ignored. */
@ApplicationScoped
public class Directory {

    public void apply(DealerSettings settings) {
        Dealer dealer = Dealer.findById(settings.dealerId());
        if (dealer != null && dealer.updatedAt != null && !settings.updatedAt().isAfter(dealer.updatedAt)) {
            return;
        }
        if (dealer == null) {
            dealer = new Dealer();
            dealer.dealerId = settings.dealerId();
        }
        dealer.name = settings.name();
        dealer.timeZone = settings.timeZone();
        dealer.state = settings.state();
        dealer.contactPhone = settings.contactPhone();
        dealer.businessHours = settings.businessHours() == null ? null : settings.businessHours().stream()
                .map(h -> h.day() + " " + h.opens() + "-" + h.closes()).collect(Collectors.joining(", "));
        dealer.killSwitch = settings.killSwitch();
        dealer.active = settings.active();
        dealer.updatedAt = settings.updatedAt();
        dealer.persist();
    }

    public void apply(RepSettings settings) {
        Rep rep = Rep.findById(settings.repId());
        if (rep != null && rep.updatedAt != null && !settings.updatedAt().isAfter(rep.updatedAt)) {
            return;
        }
        if (rep == null) {
            rep = new Rep();
            rep.repId = settings.repId();
        }
        rep.dealerId = settings.dealerId();
        rep.name = settings.name();
        rep.dailyCallCapacity = settings.dailyCallCapacity();
        rep.active = settings.active();
        rep.role = settings.role();
        rep.updatedAt = settings.updatedAt();
        rep.persist();
    }
}
