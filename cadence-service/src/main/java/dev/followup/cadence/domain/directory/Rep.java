package dev.followup.cadence.domain.directory;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Local copy of directory.rep.v1. */
@Entity
@Table(name = "rep")
public class Rep extends PanacheEntityBase {
    @Id
    @Column(name = "rep_id")
    public UUID repId;
    @Column(name = "dealer_id")
    public UUID dealerId;
    public String name;
    @Column(name = "daily_call_capacity")
    public int dailyCallCapacity;
    public boolean active;
    public String role;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A rep the lead names but the directory has not delivered yet: assumed active with the default cap. */
    public static Rep unknown(UUID repId, UUID dealerId, int dailyCallCapacity) {
        Rep rep = new Rep();
        rep.repId = repId;
        rep.dealerId = dealerId;
        rep.dailyCallCapacity = dailyCallCapacity;
        rep.active = true;
        return rep;
    }

    public String firstName() {
        return name == null ? null : name.split("\\s+")[0];
    }
}
