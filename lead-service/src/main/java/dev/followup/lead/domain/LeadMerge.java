package dev.followup.lead.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A duplicate lead merged into an existing one. */
@Entity
@Table(name = "lead_merge")
public class LeadMerge extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "lead_id")
    public UUID leadId;
    public String source;
    public String provider;
    @Column(name = "source_lead_id")
    public String sourceLeadId;
    @Column(name = "matched_on")
    public String matchedOn;
    @Column(name = "vehicles_added")
    public String vehiclesAdded;
    public String comments;
    @Column(name = "merged_at")
    public Instant mergedAt;
    @Column(name = "document_id")
    public UUID documentId;
}
