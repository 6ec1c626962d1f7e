package dev.followup.lead.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.followup.lead.domain.Lead;
import dev.followup.lead.domain.LeadMerge;
import dev.followup.lead.domain.VehicleList;
import dev.followup.lead.domain.Visit;
import dev.followup.lead.kafka.VehicleOfInterest;

/** A lead as the dealer reads it. merges and visits are filled only when one lead is read. */
public record LeadView(UUID id, UUID dealerId, String status, String source, String provider, String sourceLeadId,
        UUID assignedRepId, Customer customer, List<VehicleOfInterest> vehicles, String comments, String timeframe,
        Consent consent, Instant requestedAt, Instant receivedAt, Instant updatedAt, Instant appointmentAt,
        String statusReason, List<MergeView> merges, List<VisitView> visits) {

    public record Customer(String firstName, String lastName, String phone, String phoneType, String email,
            String postalCode, String preferredContact) {
    }

    public record Consent(Boolean textConsent, String text, Instant capturedAt, String page, String ip) {
    }

    public record MergeView(UUID id, Instant mergedAt, String source, String provider, String sourceLeadId,
            String matchedOn, List<VehicleOfInterest> vehiclesAdded) {
    }

    public record VisitView(UUID id, UUID leadId, Instant visitedAt, UUID repId, String notes, boolean newLead) {
        static VisitView of(Visit v) {
            return new VisitView(v.id, v.leadId, v.visitedAt, v.repId, v.notes, v.newLead);
        }
    }

    static LeadView of(Lead l, VehicleList vehicles, List<LeadMerge> merges, List<Visit> visits) {
        return new LeadView(l.id, l.dealerId, l.status, l.source, l.provider, l.sourceLeadId, l.assignedRepId,
                new Customer(l.firstName, l.lastName, l.phone, l.phoneType, l.email, l.postalCode, l.preferredContact),
                vehicles.read(l.vehicles), l.comments, l.timeframe,
                l.textConsent == null ? null
                        : new Consent(l.textConsent, l.consentText, l.consentCapturedAt, l.consentPage, l.consentIp),
                l.requestedAt, l.receivedAt, l.updatedAt, l.appointmentAt, l.statusReason,
                merges == null ? null
                        : merges.stream().map(m -> new MergeView(m.id, m.mergedAt, m.source, m.provider,
                                m.sourceLeadId, m.matchedOn, vehicles.read(m.vehiclesAdded))).toList(),
                visits == null ? null : visits.stream().map(VisitView::of).toList());
    }
}
