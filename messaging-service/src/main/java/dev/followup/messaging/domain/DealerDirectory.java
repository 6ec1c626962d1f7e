package dev.followup.messaging.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.followup.messaging.messaging.DealerSettings;

/** The local read model of dealers; a record older than the copy held is ignored. */
@ApplicationScoped
public class DealerDirectory {
    private final EntityManager entityManager;

    public DealerDirectory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(DealerSettings settings) {
        Dealer dealer = entityManager.find(Dealer.class, settings.dealerId(), LockModeType.PESSIMISTIC_WRITE);
        if (dealer != null && !settings.updatedAt().isAfter(dealer.updatedAt)) {
            return;
        }
        boolean isNew = dealer == null;
        if (isNew) {
            dealer = new Dealer();
            dealer.dealerId = settings.dealerId();
        }
        dealer.name = settings.name();
        dealer.textingNumber = settings.textingNumber();
        dealer.messagingServiceSid = settings.messagingServiceSid();
        dealer.contactPhone = settings.contactPhone();
        dealer.contactEmail = settings.contactEmail();
        dealer.killSwitch = settings.killSwitch();
        dealer.active = settings.active();
        dealer.updatedAt = settings.updatedAt();
        if (isNew) {
            dealer.persist();
        }
    }
}
