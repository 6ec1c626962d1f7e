package dev.followup.cadence.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One decision about a lead and its reason: what the timeline shows as done. */
@Entity
@Table(name = "decision")
public class DecisionRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "decided_at")
    public Instant decidedAt;
    /** When it takes effect: the send time of a deferred text, otherwise the decision time. */
    @Column(name = "effective_at")
    public Instant effectiveAt;
    public String kind;
    @Column(name = "step_id")
    public String stepId;
    public String channel;
    public String reason;
    public String detail;
}
