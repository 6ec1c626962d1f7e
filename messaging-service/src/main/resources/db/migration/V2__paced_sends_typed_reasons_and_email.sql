-- Texts wait in their dealer's queue (status 'waiting') and leave at the dealer's rate, first touches first, then in
-- arrival order; the rate counts hand-overs to Twilio (dispatch_started_at), not arrivals.
alter table outbound_message add column priority smallint not null default 1;
alter table outbound_message add column queued_seq bigint generated always as identity;
alter table outbound_message add column send_before timestamptz;
alter table outbound_message add column refusal_reason varchar(30);
alter table outbound_message add column lookup_attempts integer not null default 0;
alter table outbound_message alter column dispatch_started_at drop not null;
alter table outbound_message alter column dispatch_started_at drop default;
update outbound_message set dispatch_started_at = null where not handed_to_twilio;
create index outbound_message_waiting on outbound_message (dealer_id, priority, queued_seq) where status = 'waiting';
drop index outbound_message_dealer_sends;
create index outbound_message_dealer_sends on outbound_message (dealer_id, dispatch_started_at) where handed_to_twilio;
drop index outbound_message_dispatching;
create index outbound_message_unsettled on outbound_message (dispatch_started_at) where status in ('dispatching', 'unconfirmed');

-- The dealer's own send rate, opt-out confirmation choice and mailing address (email footers).
alter table dealer add column send_rate_per_minute integer;
alter table dealer add column opt_out_confirmation boolean not null default false;
alter table dealer add column mailing_address varchar(300);
drop index dealer_texting_number;
create index dealer_texting_number on dealer (texting_number, active);

-- What we answered a reply with (HELP, an opt-out confirmation): a retried webhook gets the same answer.
alter table inbound_reply add column answer varchar(640);
alter table opt_out_evidence add column confirmation_sent_at timestamptz;

-- One row per email idempotency key, committed before the SMTP server is called (at most once, like texts).
-- status: sending (handed to the mailer, answer not recorded yet), sent, failed, unconfirmed.
create table outbound_email (
    email_id          uuid primary key,
    idempotency_key   varchar(200) not null unique,
    lead_id           uuid         not null,
    dealer_id         uuid         not null,
    to_address        varchar(254) not null,
    subject           varchar(200) not null,
    text_body         text         not null,
    html_body         text         not null,
    purpose           varchar(20)  not null,
    status            varchar(20)  not null,
    sandbox           boolean      not null,
    refusal_reason    varchar(30),
    error_message     varchar(500),
    requested_at      timestamptz  not null,
    created_at        timestamptz  not null,
    sent_at           timestamptz,
    status_changed_at timestamptz
);
create index outbound_email_lead on outbound_email (lead_id, created_at);
create index outbound_email_sending on outbound_email (created_at) where status = 'sending';

-- The email suppression ledger: per dealer and address, with the evidence of every change.
create table email_suppression (
    dealer_id   uuid         not null,
    address     varchar(254) not null,
    suppressed  boolean      not null,
    changed_at  timestamptz  not null,
    primary key (dealer_id, address)
);

create table email_suppression_evidence (
    id          bigint generated always as identity primary key,
    dealer_id   uuid         not null,
    address     varchar(254) not null,
    suppressed  boolean      not null,
    source      varchar(20)  not null,
    email_id    uuid,
    detail      varchar(500),
    recorded_at timestamptz  not null
);
create index email_suppression_evidence_address on email_suppression_evidence (dealer_id, address, recorded_at);
