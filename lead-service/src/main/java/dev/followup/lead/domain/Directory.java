package dev.followup.lead.domain;

import dev.followup.platform.time.MovableClock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.followup.lead.kafka.DealerDirectoryEvent;
import dev.followup.lead.kafka.LeadTopics;
import dev.followup.lead.kafka.RepDirectoryEvent;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.outbox.Outbox;

/**
 * Dealers and reps. Every change publishes the full record on the compacted dealer-directory topic (through the
 * outbox, in the same transaction), which is how the other services learn them.
 */
@ApplicationScoped
public class Directory {
    private static final TypeReference<List<DealerDirectoryEvent.BusinessHours>> HOURS = new TypeReference<>() {
    };

    private final Outbox outbox;
    private final MovableClock clock;
    private final ObjectMapper mapper;
    private final RepRotation rotation;

    public Directory(Outbox outbox, MovableClock clock, ObjectMapper mapper, RepRotation rotation) {
        this.outbox = outbox;
        this.clock = clock;
        this.mapper = mapper;
        this.rotation = rotation;
    }

    /** Field values of a dealer as set by an administrator. */
    public record DealerSettings(String name, String timeZone, String country, String postalCode, String state,
            List<DealerDirectoryEvent.BusinessHours> businessHours, String textingNumber, String messagingServiceSid,
            String contactPhone, String contactEmail, String websiteUrl, String mailingAddress, Integer sendRatePerMinute,
            String optOutScope, boolean optOutConfirmation, boolean killSwitch, boolean active) {
    }

    /** A texting number or Messaging Service another active dealer holds; {@code field} names the request field. */
    public static final class NumberTaken extends RuntimeException {
        private final String field;

        NumberTaken(String field, String detail) {
            super(detail);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    public record RepSettings(String name, String phone, String email, int dailyCallCapacity, boolean active,
            String role) {
    }

    @Transactional
    public Dealer createDealer(DealerSettings settings) {
        Dealer dealer = new Dealer();
        dealer.id = UUID.randomUUID();
        requireNumbersFree(dealer.id, settings);
        dealer.createdAt = clock.instant();
        apply(dealer, settings);
        dealer.persist();
        rotation.createFor(dealer.id);
        publish(dealer);
        return dealer;
    }

    @Transactional
    public Dealer updateDealer(UUID dealerId, DealerSettings settings) {
        Dealer dealer = dealer(dealerId);
        requireNumbersFree(dealerId, settings);
        apply(dealer, settings);
        publish(dealer);
        return dealer;
    }

    /**
     * Replies are routed by the number written to, so an active dealer's texting number and Messaging Service must be
     * its alone. Checked under an advisory lock per number, so two concurrent requests cannot both take it.
     */
    private void requireNumbersFree(UUID dealerId, DealerSettings settings) {
        if (!settings.active()) {
            return;
        }
        requireFree(dealerId, "textingNumber", settings.textingNumber(), "textingNumber");
        requireFree(dealerId, "messagingServiceSid", settings.messagingServiceSid(), "messagingServiceSid");
    }

    private void requireFree(UUID dealerId, String column, String value, String field) {
        if (value == null) {
            return;
        }
        Dealer.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "dealer-number:" + value).getSingleResult();
        Dealer holder = Dealer.find(column + " = ?1 and active = true and id <> ?2", value, dealerId).firstResult();
        if (holder != null) {
            throw new NumberTaken(field, value + " already belongs to the active dealer " + holder.name + " (" + holder.id
                    + "): a number or Messaging Service routes replies, so it can belong to one active dealer only");
        }
    }

    public Dealer dealer(UUID dealerId) {
        Dealer dealer = Dealer.findById(dealerId);
        if (dealer == null) {
            throw ProblemException.notFound("Dealer " + dealerId);
        }
        return dealer;
    }

    public List<Dealer> dealers() {
        return Dealer.list("order by createdAt, id");
    }

    @Transactional
    public Rep createRep(UUID dealerId, RepSettings settings) {
        dealer(dealerId);
        Rep rep = new Rep();
        rep.id = UUID.randomUUID();
        rep.dealerId = dealerId;
        rep.createdAt = clock.instant();
        apply(rep, settings);
        rep.persist();
        rotation.repsChanged(dealerId);
        publish(rep);
        return rep;
    }

    @Transactional
    public Rep updateRep(UUID repId, RepSettings settings) {
        Rep rep = rep(repId);
        apply(rep, settings);
        rotation.repsChanged(rep.dealerId);
        publish(rep);
        return rep;
    }

    public Rep rep(UUID repId) {
        Rep rep = Rep.findById(repId);
        if (rep == null) {
            throw ProblemException.notFound("Rep " + repId);
        }
        return rep;
    }

    public List<Rep> reps(UUID dealerId) {
        dealer(dealerId);
        return Rep.list("dealerId = ?1 order by createdAt, id", dealerId);
    }

    public List<DealerDirectoryEvent.BusinessHours> businessHours(Dealer dealer) {
        if (dealer.businessHours == null) {
            return null;
        }
        try {
            return mapper.readValue(dealer.businessHours, HOURS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored business hours of dealer " + dealer.id + " are unreadable", e);
        }
    }

    private void apply(Dealer dealer, DealerSettings s) {
        dealer.name = s.name();
        dealer.timeZone = s.timeZone();
        dealer.country = s.country();
        dealer.postalCode = s.postalCode();
        dealer.state = s.state();
        try {
            dealer.businessHours = s.businessHours() == null ? null : mapper.writeValueAsString(s.businessHours());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write business hours", e);
        }
        dealer.textingNumber = s.textingNumber();
        dealer.messagingServiceSid = s.messagingServiceSid();
        dealer.contactPhone = s.contactPhone();
        dealer.contactEmail = s.contactEmail();
        dealer.websiteUrl = s.websiteUrl();
        dealer.mailingAddress = s.mailingAddress();
        dealer.sendRatePerMinute = s.sendRatePerMinute();
        dealer.optOutScope = s.optOutScope();
        dealer.optOutConfirmation = s.optOutConfirmation();
        dealer.killSwitch = s.killSwitch();
        dealer.active = s.active();
        dealer.updatedAt = laterThan(dealer.updatedAt);
    }

    private void apply(Rep rep, RepSettings s) {
        rep.name = s.name();
        rep.phone = s.phone();
        rep.email = s.email();
        rep.dailyCallCapacity = s.dailyCallCapacity();
        rep.active = s.active();
        rep.role = s.role();
        rep.updatedAt = laterThan(rep.updatedAt);
    }

    /** Consumers drop a record that is not newer than theirs, so each change gets a strictly later updatedAt. */
    private Instant laterThan(Instant previous) {
        Instant now = clock.instant();
        return previous != null && !now.isAfter(previous) ? previous.plusMillis(1) : now;
    }

    private void publish(Dealer d) {
        outbox.publish(LeadTopics.DEALER_DIRECTORY, d.id.toString(), LeadTopics.DEALER,
                new DealerDirectoryEvent(d.id, d.name, d.timeZone, d.country, d.postalCode, d.state, businessHours(d),
                        d.textingNumber, d.messagingServiceSid, d.contactPhone, d.contactEmail, d.websiteUrl,
                        d.mailingAddress, d.sendRatePerMinute, d.optOutScope, d.optOutConfirmation, d.killSwitch, d.active,
                        d.updatedAt));
    }

    private void publish(Rep r) {
        outbox.publish(LeadTopics.DEALER_DIRECTORY, r.id.toString(), LeadTopics.REP,
                new RepDirectoryEvent(r.id, r.dealerId, r.name, r.phone, r.email, r.dailyCallCapacity, r.active,
                        r.role, r.updatedAt));
    }
}
