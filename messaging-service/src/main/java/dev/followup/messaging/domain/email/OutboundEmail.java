package dev.followup.messaging.domain.email;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One email per idempotency key, recorded before the SMTP server is called, to its outcome. */
@Entity
@Table(name = "outbound_email")
public class OutboundEmail extends PanacheEntityBase {
    public static final String SENDING = "sending";
    /** The SMTP server did not take it and said to try later (4xx), or could not be reached: it goes again at nextAttemptAt. */
    public static final String RETRYING = "retrying";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String UNCONFIRMED = "unconfirmed";

    @Id
    @Column(name = "email_id")
    public UUID emailId;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "dealer_id")
    public UUID dealerId;
    @Column(name = "to_address")
    public String toAddress;
    public String subject;
    @Column(name = "text_body")
    public String textBody;
    @Column(name = "html_body")
    public String htmlBody;
    public String purpose;
    public String status;
    public boolean sandbox;
    @Column(name = "refusal_reason")
    public String refusalReason;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "status_changed_at")
    public Instant statusChangedAt;
    /** Tries the SMTP server answered with "try later" (or could not be reached for). */
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
}
