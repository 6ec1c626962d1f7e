package dev.followup.lead.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A showroom visit (an "up"). */
@Entity
@Table(name = "visit")
public class Visit extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "dealer_id")
    public UUID dealerId;
    @Column(name = "visited_at")
    public Instant visitedAt;
    @Column(name = "rep_id")
    public UUID repId;
    public String notes;
    @Column(name = "new_lead")
    public boolean newLead;
    @Column(name = "recorded_at")
    public Instant recordedAt;
}
