package dev.followup.lead.domain;

import dev.followup.platform.time.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.followup.lead.kafka.LeadCreated;
import dev.followup.lead.kafka.LeadMerged;
import dev.followup.lead.kafka.LeadTopics;
import dev.followup.lead.kafka.VehicleOfInterest;
import dev.followup.lead.kafka.VisitRecorded;
import dev.followup.platform.api.ProblemException;
import dev.followup.platform.outbox.Outbox;

/**
 * Accepts leads: one transaction per request writes the raw document, each lead (or its merge into an open lead
 * of the de-duplication window) and its event in the outbox. Requests about the same contact or the same
 * idempotency key are serialised by transaction-scoped advisory locks, so two copies of one lead arriving at once
 * still yield one lead.
 */
@ApplicationScoped
public class LeadIntake {
    private static final Logger LOG = Logger.getLogger(LeadIntake.class);

    public enum Outcome {
        CREATED, MERGED, REPLAYED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Result(Outcome outcome, Lead lead, Visit visit) {
    }

    private final EntityManager em;
    private final Outbox outbox;
    private final MovableClock clock;
    private final VehicleList vehicles;
    private final RepRotation rotation;
    private final Duration dedupWindow;

    public LeadIntake(EntityManager em, Outbox outbox, MovableClock clock, VehicleList vehicles, RepRotation rotation,
            @ConfigProperty(name = "followup.dedup.window", defaultValue = "P30D") Duration dedupWindow) {
        this.em = em;
        this.outbox = outbox;
        this.clock = clock;
        this.vehicles = vehicles;
        this.rotation = rotation;
        this.dedupWindow = dedupWindow;
    }

    /**
     * @param idempotencyKey the client's Idempotency-Key header, or null; with several leads in one document, lead i
     *        is known under {@code key#i}
     */
    @Transactional
    public List<Result> accept(ApiKeys.Holder dealer, String contentType, String body, List<LeadDraft> drafts,
            String idempotencyKey) {
        Instant now = clock.instant();
        List<List<String>> intakeKeys = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            intakeKeys.add(intakeKeys(drafts.get(i), idempotencyKey, drafts.size() > 1 ? i : -1));
        }
        lockIdentities(dealer.dealerId(), drafts, intakeKeys);
        for (LeadDraft draft : drafts) {
            requireRep(dealer.dealerId(), draft.assignedRepId(), "assignedRepId");
        }
        IntakeDocument document = null;
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            LeadDraft draft = drafts.get(i);
            Optional<Lead> replayed = replayOf(dealer.dealerId(), intakeKeys.get(i));
            if (replayed.isPresent()) {
                results.add(new Result(Outcome.REPLAYED, replayed.get(), null));
                continue;
            }
            if (document == null) {
                document = document(dealer.dealerId(), contentType, body, now);
            }
            Result result = createOrMerge(dealer, draft, document, now);
            remember(dealer.dealerId(), intakeKeys.get(i), result.lead().id, now);
            em.flush();
            results.add(result);
        }
        return results;
    }

    /**
     * A walk-in: the visit is recorded on the customer's open lead when one matches, otherwise a lead with source
     * showroom is created first (lead.created.v1, then lead.visit-recorded.v1 with newLead true).
     */
    @Transactional
    public Result walkIn(ApiKeys.Holder dealer, String contentType, String body, LeadDraft draft, Instant visitedAt,
            UUID repId, String notes) {
        Instant now = clock.instant();
        lockIdentities(dealer.dealerId(), List.of(draft), List.of(List.of()));
        requireRep(dealer.dealerId(), repId, "repId");
        Optional<Match> match = findOpenLead(dealer.dealerId(), draft.phone(), draft.email(), now);
        Lead lead;
        boolean newLead = match.isEmpty();
        if (newLead) {
            LeadDraft assigned = repId != null && draft.assignedRepId() == null ? withRep(draft, repId) : draft;
            lead = create(dealer, assigned, document(dealer.dealerId(), contentType, body, now), now);
        } else {
            lead = em.find(Lead.class, match.get().leadId());
        }
        Visit visit = recordVisit(lead, visitedAt == null ? now : visitedAt, repId, notes, newLead, now);
        return new Result(newLead ? Outcome.CREATED : Outcome.MERGED, lead, visit);
    }

    public Visit recordVisit(Lead lead, Instant visitedAt, UUID repId, String notes, boolean newLead, Instant now) {
        Visit visit = new Visit();
        visit.id = UUID.randomUUID();
        visit.leadId = lead.id;
        visit.dealerId = lead.dealerId;
        visit.visitedAt = visitedAt;
        visit.repId = repId;
        visit.notes = notes;
        visit.newLead = newLead;
        visit.recordedAt = now;
        visit.persist();
        lead.updatedAt = now;
        outbox.publish(LeadTopics.LEAD_EVENTS, lead.id.toString(), LeadTopics.VISIT_RECORDED,
                new VisitRecorded(lead.id, lead.dealerId, visit.id, visit.visitedAt, repId, newLead));
        return visit;
    }

    public void requireRep(UUID dealerId, UUID repId, String field) {
        if (repId == null) {
            return;
        }
        Rep rep = Rep.findById(repId);
        if (rep == null || !rep.dealerId.equals(dealerId) || !rep.active) {
            throw ProblemException.badRequest(field, "no active rep " + repId + " at this dealer");
        }
    }

    private Result createOrMerge(ApiKeys.Holder dealer, LeadDraft draft, IntakeDocument document, Instant now) {
        Optional<Match> match = findOpenLead(dealer.dealerId(), draft.phone(), draft.email(), now);
        if (match.isPresent()) {
            return new Result(Outcome.MERGED, merge(match.get(), draft, document, now), null);
        }
        return new Result(Outcome.CREATED, create(dealer, draft, document, now), null);
    }

    private Lead create(ApiKeys.Holder dealer, LeadDraft d, IntakeDocument document, Instant now) {
        Lead lead = new Lead();
        lead.id = UUID.randomUUID();
        lead.dealerId = dealer.dealerId();
        lead.status = LeadStatus.OPEN.wire();
        lead.source = d.source();
        lead.provider = d.provider();
        lead.sourceLeadId = d.sourceLeadId();
        lead.assignedRepId = d.assignedRepId() != null ? d.assignedRepId() : rotation.next(dealer.dealerId());
        lead.firstName = d.firstName();
        lead.lastName = d.lastName();
        lead.phone = d.phone();
        lead.phoneType = d.phoneType();
        lead.email = d.email();
        lead.postalCode = d.postalCode();
        lead.preferredContact = d.preferredContact();
        lead.vehicles = vehicles.write(d.vehicles());
        lead.comments = d.comments();
        lead.timeframe = d.timeframe();
        if (d.consent() != null) {
            lead.textConsent = d.consent().textConsent();
            lead.consentText = d.consent().text();
            lead.consentCapturedAt = d.consent().capturedAt();
            lead.consentPage = d.consent().page();
            lead.consentIp = d.consent().ip();
        }
        lead.requestedAt = d.requestedAt();
        lead.receivedAt = now;
        lead.updatedAt = now;
        lead.documentId = document.id;
        lead.persist();
        outbox.publish(LeadTopics.LEAD_EVENTS, lead.id.toString(), LeadTopics.LEAD_CREATED, created(lead, d));
        LOG.infof("lead %s created for dealer %s (source %s, rep %s)", lead.id, lead.dealerId, lead.source,
                lead.assignedRepId);
        return lead;
    }

    private static LeadCreated created(Lead lead, LeadDraft d) {
        LeadCreated.Consent consent = d.consent() == null ? null
                : new LeadCreated.Consent(d.consent().textConsent(), d.consent().text(), d.consent().capturedAt(),
                        d.consent().page(), d.consent().ip());
        return new LeadCreated(lead.id, lead.dealerId, lead.source, lead.provider, lead.sourceLeadId,
                lead.assignedRepId, new LeadCreated.Customer(lead.firstName, lead.lastName, lead.phone, lead.phoneType,
                        lead.email, lead.postalCode, lead.preferredContact),
                d.vehicles(), lead.timeframe, consent, lead.requestedAt, lead.receivedAt);
    }

    private Lead merge(Match match, LeadDraft d, IntakeDocument document, Instant now) {
        Lead lead = em.find(Lead.class, match.leadId());
        List<VehicleOfInterest> existing = vehicles.read(lead.vehicles);
        List<VehicleOfInterest> added = VehicleList.notIn(existing, d.vehicles());
        if (!added.isEmpty()) {
            List<VehicleOfInterest> all = new ArrayList<>(existing);
            all.addAll(added);
            lead.vehicles = vehicles.write(all.size() > LeadNormalizer.MAX_VEHICLES
                    ? all.subList(all.size() - LeadNormalizer.MAX_VEHICLES, all.size()) : all);
        }
        lead.updatedAt = now;
        LeadMerge merge = new LeadMerge();
        merge.id = UUID.randomUUID();
        merge.leadId = lead.id;
        merge.source = d.source();
        merge.provider = d.provider();
        merge.sourceLeadId = d.sourceLeadId();
        merge.matchedOn = match.matchedOn();
        merge.vehiclesAdded = vehicles.write(added);
        merge.comments = d.comments();
        merge.mergedAt = now;
        merge.documentId = document.id;
        merge.persist();
        outbox.publish(LeadTopics.LEAD_EVENTS, lead.id.toString(), LeadTopics.LEAD_MERGED, new LeadMerged(lead.id,
                lead.dealerId, now, d.source(), d.provider(), d.sourceLeadId(), added, match.matchedOn()));
        LOG.infof("duplicate merged into lead %s of dealer %s (matched on %s)", lead.id, lead.dealerId,
                match.matchedOn());
        return lead;
    }

    private record Match(UUID leadId, String matchedOn) {
    }

    /** The most recent open lead of the dealer with this phone or email, received within the window. */
    private Optional<Match> findOpenLead(UUID dealerId, String phone, String email, Instant now) {
        if (phone == null && email == null) {
            return Optional.empty();
        }
        String contact = phone != null && email != null ? "(phone = :phone or email = :email)"
                : phone != null ? "phone = :phone" : "email = :email";
        var query = em.createNativeQuery("select id, phone, email from lead where dealer_id = :dealer"
                + " and status in ('open', 'appointment') and received_at >= :since and " + contact
                + " order by received_at desc limit 1", Object[].class)
                .setParameter("dealer", dealerId)
                .setParameter("since", now.minus(dedupWindow));
        if (phone != null) {
            query.setParameter("phone", phone);
        }
        if (email != null) {
            query.setParameter("email", email);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        boolean phoneMatch = phone != null && phone.equals(row[1]);
        boolean emailMatch = email != null && email.equals(row[2]);
        return Optional.of(new Match((UUID) row[0], phoneMatch && emailMatch ? "both" : phoneMatch ? "phone" : "email"));
    }

    private static List<String> intakeKeys(LeadDraft draft, String idempotencyKey, int index) {
        List<String> keys = new ArrayList<>(2);
        if (draft.sourceLeadId() != null) {
            keys.add("source:" + draft.source() + ":" + draft.sourceLeadId());
        }
        if (idempotencyKey != null) {
            keys.add("idempotency:" + idempotencyKey + (index >= 0 ? "#" + index : ""));
        }
        return keys;
    }

    private Optional<Lead> replayOf(UUID dealerId, List<String> keys) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        // Untyped on purpose: Hibernate 7.4 caches a native query typed with a scalar class under a new
        // key per execution, and the plan cache then slows every call (docs/benchmarks.md).
        @SuppressWarnings("unchecked")
        List<UUID> leadIds = em.createNativeQuery(
                "select lead_id from intake_key where dealer_id = :dealer and intake_key in (:keys) limit 1")
                .setParameter("dealer", dealerId).setParameter("keys", keys).getResultList();
        return leadIds.isEmpty() ? Optional.empty() : Optional.of(em.find(Lead.class, leadIds.get(0)));
    }

    private void remember(UUID dealerId, List<String> keys, UUID leadId, Instant now) {
        for (String key : keys) {
            em.createNativeQuery("insert into intake_key (dealer_id, intake_key, lead_id, created_at)"
                    + " values (?1, ?2, ?3, ?4) on conflict do nothing")
                    .setParameter(1, dealerId).setParameter(2, key).setParameter(3, leadId).setParameter(4, now)
                    .executeUpdate();
        }
    }

    /** Same dealer + same phone, email or intake key: one at a time, always locked in the same (sorted) order. */
    private void lockIdentities(UUID dealerId, List<LeadDraft> drafts, List<List<String>> intakeKeys) {
        TreeSet<String> identities = new TreeSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            LeadDraft d = drafts.get(i);
            if (d.phone() != null) {
                identities.add(dealerId + "|phone:" + d.phone());
            }
            if (d.email() != null) {
                identities.add(dealerId + "|email:" + d.email());
            }
            intakeKeys.get(i).forEach(key -> identities.add(dealerId + "|" + key));
        }
        if (identities.isEmpty()) {
            return;
        }
        // One round trip: PostgreSQL evaluates the select list left to right, so the locks are still taken in order.
        StringBuilder sql = new StringBuilder("select 1");
        for (int i = 1; i <= identities.size(); i++) {
            sql.append(", pg_advisory_xact_lock(hashtextextended(?").append(i).append(", 0))");
        }
        var lock = em.createNativeQuery(sql.toString());
        int position = 1;
        for (String identity : identities) {
            lock.setParameter(position++, identity);
        }
        lock.getSingleResult();
    }

    private IntakeDocument document(UUID dealerId, String contentType, String body, Instant now) {
        IntakeDocument document = new IntakeDocument();
        document.id = UUID.randomUUID();
        document.dealerId = dealerId;
        document.contentType = contentType;
        document.body = body;
        document.receivedAt = now;
        document.persist();
        return document;
    }

    private static LeadDraft withRep(LeadDraft d, UUID repId) {
        return new LeadDraft(d.source(), d.provider(), d.sourceLeadId(), repId, d.firstName(), d.lastName(), d.phone(),
                d.phoneType(), d.email(), d.postalCode(), d.preferredContact(), d.vehicles(), d.comments(),
                d.timeframe(), d.requestedAt(), d.consent());
    }
}
