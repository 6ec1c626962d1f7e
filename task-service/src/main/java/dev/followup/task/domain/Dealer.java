package dev.followup.task.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A dealer as the dealer directory last described it (local read model of directory.dealer.v1). */
@Entity
@Table(name = "dealer")
public class Dealer extends PanacheEntityBase {
    @Id
    @Column(name = "dealer_id")
    public UUID dealerId;
    public String name;
    @Column(name = "time_zone")
    public String timeZone;
    /** ISO 3166 alpha-2, for showing phone numbers the way people there read them. */
    public String country;
    public boolean active;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
