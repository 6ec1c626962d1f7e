package dev.followup.lead.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "rep")
public class Rep extends PanacheEntityBase {
    public static final String ROLE_REP = "rep";
    public static final String ROLE_MANAGER = "manager";

    @Id
    public UUID id;
    @Column(name = "dealer_id")
    public UUID dealerId;
    public String name;
    public String phone;
    public String email;
    @Column(name = "daily_call_capacity")
    public int dailyCallCapacity;
    public boolean active;
    public String role;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
