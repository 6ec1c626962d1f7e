package dev.followup.cadence.domain.directory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.followup.cadence.domain.contact.OptOutScope;
import dev.followup.platform.time.Zones;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Local copy of directory.dealer.v1. */
@Entity
@Table(name = "dealer")
public class Dealer extends PanacheEntityBase {
    @Id
    @Column(name = "dealer_id")
    public UUID dealerId;
    public String name;
    @Column(name = "time_zone")
    public String timeZone;
    public String state;
    @Column(name = "contact_phone")
    public String contactPhone;
    @Column(name = "business_hours")
    public String businessHours;
    @Column(name = "kill_switch")
    public boolean killSwitch;
    public boolean active;
    @Column(name = "opt_out_scope")
    public String optOutScope;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public ZoneId zone() {
        return Zones.orFallback(timeZone);
    }

    public OptOutScope optOutScope() {
        return OptOutScope.ofWire(optOutScope);
    }

    /** The dealer's zone, or the platform's fallback for a dealer not known here yet. */
    public static ZoneId zoneOf(Dealer dealer) {
        return dealer == null ? Zones.FALLBACK : dealer.zone();
    }
}
