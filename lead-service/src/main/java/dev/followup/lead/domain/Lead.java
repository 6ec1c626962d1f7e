package dev.followup.lead.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "lead")
public class Lead extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "dealer_id")
    public UUID dealerId;
    public String status;
    public String source;
    public String provider;
    @Column(name = "source_lead_id")
    public String sourceLeadId;
    @Column(name = "assigned_rep_id")
    public UUID assignedRepId;
    @Column(name = "first_name")
    public String firstName;
    @Column(name = "last_name")
    public String lastName;
    public String phone;
    @Column(name = "phone_type")
    public String phoneType;
    public String email;
    @Column(name = "postal_code")
    public String postalCode;
    @Column(name = "preferred_contact")
    public String preferredContact;
    /** JSON array of vehicles of interest, merges included. */
    public String vehicles;
    public String comments;
    public String timeframe;
    @Column(name = "text_consent")
    public Boolean textConsent;
    @Column(name = "consent_text")
    public String consentText;
    @Column(name = "consent_captured_at")
    public Instant consentCapturedAt;
    @Column(name = "consent_page")
    public String consentPage;
    @Column(name = "consent_ip")
    public String consentIp;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "appointment_at")
    public Instant appointmentAt;
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "document_id")
    public UUID documentId;
}
