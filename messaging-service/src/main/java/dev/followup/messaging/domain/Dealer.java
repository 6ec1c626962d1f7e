package dev.followup.messaging.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The local copy of a dealer's settings from the dealer directory. */
@Entity
@Table(name = "dealer")
public class Dealer extends PanacheEntityBase {
    @Id
    @Column(name = "dealer_id")
    public UUID dealerId;
    public String name;
    @Column(name = "texting_number")
    public String textingNumber;
    @Column(name = "messaging_service_sid")
    public String messagingServiceSid;
    @Column(name = "contact_phone")
    public String contactPhone;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "kill_switch")
    public boolean killSwitch;
    public boolean active;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean canText() {
        return textingNumber != null || messagingServiceSid != null;
    }
}
