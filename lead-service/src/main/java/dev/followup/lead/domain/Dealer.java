package dev.followup.lead.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "dealer")
public class Dealer extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    @Column(name = "time_zone")
    public String timeZone;
    public String country;
    @Column(name = "postal_code")
    public String postalCode;
    public String state;
    /** JSON array of {day, opens, closes}. */
    @Column(name = "business_hours")
    public String businessHours;
    @Column(name = "texting_number")
    public String textingNumber;
    @Column(name = "messaging_service_sid")
    public String messagingServiceSid;
    @Column(name = "contact_phone")
    public String contactPhone;
    @Column(name = "contact_email")
    public String contactEmail;
    @Column(name = "website_url")
    public String websiteUrl;
    /** Printed in every email's footer (CAN-SPAM). */
    @Column(name = "mailing_address")
    public String mailingAddress;
    /** Texts per minute the dealer's number takes; null: the platform default. */
    @Column(name = "send_rate_per_minute")
    public Integer sendRatePerMinute;
    /** all-channels (default) or channel: what a customer's opt-out of one channel stops. */
    @Column(name = "opt_out_scope")
    public String optOutScope;
    @Column(name = "opt_out_confirmation")
    public boolean optOutConfirmation;
    @Column(name = "kill_switch")
    public boolean killSwitch;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
