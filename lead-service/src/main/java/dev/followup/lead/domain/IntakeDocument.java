package dev.followup.lead.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The body of an accepted intake request, kept as received (the events carry only the normalised parts). */
@Entity
@Table(name = "intake_document")
public class IntakeDocument extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "dealer_id")
    public UUID dealerId;
    @Column(name = "content_type")
    public String contentType;
    public String body;
    @Column(name = "received_at")
    public Instant receivedAt;
}
