package dev.followup.messaging.domain.directory;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** The local read model of dealers; a record older than the copy held is ignored. */
@ApplicationScoped
public class DealerDirectory {
    /** What messaging needs of a dealer, as the directory describes it. */
    public record DealerUpdate(UUID dealerId, String name, String textingNumber, String messagingServiceSid,
            String contactPhone, String contactEmail, String mailingAddress, Integer sendRatePerMinute,
            boolean optOutConfirmation, boolean killSwitch, boolean active, Instant updatedAt) {
    }

    private final EntityManager entityManager;

    public DealerDirectory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(DealerUpdate update) {
        Dealer dealer = entityManager.find(Dealer.class, update.dealerId(), LockModeType.PESSIMISTIC_WRITE);
        if (dealer != null && !update.updatedAt().isAfter(dealer.updatedAt)) {
            return;
        }
        boolean isNew = dealer == null;
        if (isNew) {
            dealer = new Dealer();
            dealer.dealerId = update.dealerId();
        }
        dealer.name = update.name();
        dealer.textingNumber = update.textingNumber();
        dealer.messagingServiceSid = update.messagingServiceSid();
        dealer.contactPhone = update.contactPhone();
        dealer.contactEmail = update.contactEmail();
        dealer.mailingAddress = update.mailingAddress();
        dealer.sendRatePerMinute = update.sendRatePerMinute();
        dealer.optOutConfirmation = update.optOutConfirmation();
        dealer.killSwitch = update.killSwitch();
        dealer.active = update.active();
        dealer.updatedAt = update.updatedAt();
        if (isNew) {
            dealer.persist();
        }
    }
}
