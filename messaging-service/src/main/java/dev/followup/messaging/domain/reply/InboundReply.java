package dev.followup.messaging.domain.reply;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A text a customer sent to a dealer number, recorded once per Twilio MessageSid. */
@Entity
@Table(name = "inbound_reply")
public class InboundReply extends PanacheEntityBase {
    @Id
    @Column(name = "reply_id")
    public UUID replyId;
    @Column(name = "provider_sid")
    public String providerSid;
    @Column(name = "from_phone")
    public String fromPhone;
    @Column(name = "to_phone")
    public String toPhone;
    @Column(name = "dealer_id")
    public UUID dealerId;
    @Column(name = "lead_id")
    public UUID leadId;
    @Column(name = "in_reply_to")
    public UUID inReplyTo;
    public String body;
    public String intent;
    /** What we answered in TwiML (HELP, an opt-out confirmation), so a retried webhook gets the same answer. */
    public String answer;
    @Column(name = "received_at")
    public Instant receivedAt;
}
