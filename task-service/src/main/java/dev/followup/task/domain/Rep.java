package dev.followup.task.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A rep as the dealer directory last described them (local read model of directory.rep.v1). */
@Entity
@Table(name = "rep")
public class Rep extends PanacheEntityBase {
    @Id
    @Column(name = "rep_id")
    public UUID repId;
    @Column(name = "dealer_id")
    public UUID dealerId;
    public String name;
    public Role role;
    public boolean active;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isManager() {
        return role == Role.MANAGER;
    }
}
