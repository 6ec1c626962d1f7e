package dev.followup.cadence.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The fields cadence-service reads from the events it consumes (Jackson ignores the rest). */
public final class InboundRecords {
    private InboundRecords() {
    }

    public record Customer(String firstName, String lastName, String phone, String postalCode) {
    }

    public record Vehicle(Integer year, String make, String model, String trim) {
        public String summary() {
            StringBuilder s = new StringBuilder();
            for (Object part : new Object[] {year, make, model, trim}) {
                if (part != null && !part.toString().isBlank()) {
                    s.append(s.isEmpty() ? "" : " ").append(part.toString().trim());
                }
            }
            return s.isEmpty() ? null : s.toString();
        }
    }

    public record Consent(boolean textConsent) {
    }

    public record LeadCreated(UUID leadId, UUID dealerId, String source, UUID assignedRepId, Customer customer,
            List<Vehicle> vehicles, Consent consent, Instant receivedAt) {
    }

    public record LeadMerged(UUID leadId, UUID dealerId, Instant mergedAt, String source, String matchedOn) {
    }

    public record VisitRecorded(UUID leadId, UUID dealerId, UUID visitId, Instant visitedAt, UUID repId,
            boolean newLead) {
    }

    public record StatusChanged(UUID leadId, UUID dealerId, String previousStatus, String status,
            Instant appointmentAt, String reason, Instant changedAt) {
    }

    public record ReplyReceived(UUID replyId, UUID leadId, UUID dealerId, String intent, String body,
            Instant receivedAt) {
    }

    public record OptedOut(UUID leadId, UUID dealerId, String phone, String keyword, Instant optedOutAt) {
    }

    public record OptedIn(UUID leadId, UUID dealerId, String phone, String keyword, Instant optedInAt) {
    }

    public record MessageStatusChanged(UUID messageId, String idempotencyKey, UUID leadId, UUID dealerId,
            String status, Integer errorCode, String errorMessage, Instant changedAt) {
    }

    public record TaskCompleted(UUID taskId, UUID leadId, UUID dealerId, UUID repId, String kind, String outcome,
            Instant appointmentAt, Instant completedAt) {
    }

    public record BusinessHours(String day, String opens, String closes) {
    }

    public record DealerSettings(UUID dealerId, String name, String timeZone, String state,
            List<BusinessHours> businessHours, String contactPhone, boolean killSwitch, boolean active,
            Instant updatedAt) {
    }

    public record RepSettings(UUID repId, UUID dealerId, String name, int dailyCallCapacity, boolean active,
            String role, Instant updatedAt) {
    }
}
