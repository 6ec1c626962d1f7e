package dev.followup.messaging.domain.directory;

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
    @Column(name = "mailing_address")
    public String mailingAddress;
    /** Texts per minute this dealer's number may take; null: the platform default. */
    @Column(name = "send_rate_per_minute")
    public Integer sendRatePerMinute;
    @Column(name = "opt_out_confirmation")
    public boolean optOutConfirmation;
    @Column(name = "kill_switch")
    public boolean killSwitch;
    public boolean active;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean canText() {
        return textingNumber != null || messagingServiceSid != null;
    }

    /** The dealer's texting number or Messaging Service, the one that owns what a customer writes to it. */
    public static Dealer owning(String number, String messagingServiceSid) {
        Dealer byNumber = number == null || number.isBlank() ? null
                : find("textingNumber = ?1 and active = true order by updatedAt desc", number).firstResult();
        if (byNumber != null || messagingServiceSid == null) {
            return byNumber;
        }
        return find("messagingServiceSid = ?1 and active = true order by updatedAt desc", messagingServiceSid).firstResult();
    }
}
