package dev.followup.lead.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A dealer's API key; only its SHA-256 hash is stored, the prefix is public (lookup and display). */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "dealer_id")
    public UUID dealerId;
    public String prefix;
    @Column(name = "key_hash")
    public String keyHash;
    public String label;
    /** Per-key override of followup.rate-limit.per-second; null: the default. */
    @Column(name = "rate_per_second")
    public Integer ratePerSecond;
    public Integer burst;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
