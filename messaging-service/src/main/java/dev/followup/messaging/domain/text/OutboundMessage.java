package dev.followup.messaging.domain.text;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One text per idempotency key, from its arrival (waiting in the dealer's send queue) through the hand-over to
 * Twilio (recorded before Twilio is called) to its last status.
 */
@Entity
@Table(name = "outbound_message")
public class OutboundMessage extends PanacheEntityBase {
    @Id
    @Column(name = "message_id")
    public UUID messageId;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "dealer_id")
    public UUID dealerId;
    @Column(name = "to_phone")
    public String toPhone;
    @Column(name = "from_phone")
    public String fromPhone;
    @Column(name = "messaging_service_sid")
    public String messagingServiceSid;
    public String body;
    public String purpose;
    /** 0 for a lead's first touch, 1 for the rest: first touches leave the dealer's queue first. */
    public int priority;
    /** Arrival order in the queue (assigned by the database). */
    @Column(name = "queued_seq", insertable = false, updatable = false)
    public Long queuedSeq;
    /** The end of the recipient's sending window: not handed to Twilio after it. */
    @Column(name = "send_before")
    public Instant sendBefore;
    public String status;
    @Column(name = "handed_to_twilio")
    public boolean handedToTwilio;
    @Column(name = "provider_sid")
    public String providerSid;
    public Integer segments;
    public boolean sandbox;
    @Column(name = "error_code")
    public Integer errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "refusal_reason")
    public String refusalReason;
    public int attempts;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    /** When it left the queue for Twilio (what the per-minute rate counts). */
    @Column(name = "dispatch_started_at")
    public Instant dispatchStartedAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    /** Lookups at Twilio of a send whose answer was lost. */
    @Column(name = "lookup_attempts")
    public int lookupAttempts;
    /** Times it went back to the queue because Twilio never got it (the answer was lost, Twilio had no such message). */
    public int requeues;
    @Column(name = "status_changed_at")
    public Instant statusChangedAt;

    public static OutboundMessage findBySid(String providerSid) {
        return find("providerSid", providerSid).firstResult();
    }
}
