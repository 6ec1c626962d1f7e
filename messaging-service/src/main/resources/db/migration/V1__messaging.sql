-- Local copy of the dealer directory (topic dealer-directory), what sending and HELP answers need.
create table dealer (
    dealer_id             uuid primary key,
    name                  varchar(200) not null,
    texting_number        varchar(16),
    messaging_service_sid varchar(34),
    contact_phone         varchar(16),
    contact_email         varchar(254),
    kill_switch           boolean      not null,
    active                boolean      not null,
    updated_at            timestamptz  not null
);
create index dealer_texting_number on dealer (texting_number);
create index dealer_messaging_service_sid on dealer (messaging_service_sid);

-- One row per idempotency key: written and committed BEFORE Twilio is called, so a key is never sent twice.
-- status: dispatching (handed to the Twilio client, answer not recorded yet), unconfirmed (found dispatching after
-- a crash: not resent), or a Twilio status (accepted, queued, sending, sent, delivered, undelivered, failed, read).
create table outbound_message (
    message_id            uuid primary key,
    idempotency_key       varchar(200) not null unique,
    lead_id               uuid         not null,
    dealer_id             uuid         not null,
    to_phone              varchar(16)  not null,
    from_phone            varchar(16),
    messaging_service_sid varchar(34),
    body                  text         not null,
    purpose               varchar(20)  not null,
    status                varchar(20)  not null,
    handed_to_twilio      boolean      not null,
    provider_sid          varchar(34) unique,
    segments              integer,
    sandbox               boolean      not null,
    error_code            integer,
    error_message         varchar(500),
    attempts              integer      not null default 0,
    requested_at          timestamptz  not null,
    created_at            timestamptz  not null,
    dispatch_started_at   timestamptz  not null default now(),
    sent_at               timestamptz,
    status_changed_at     timestamptz
);
create index outbound_message_lead on outbound_message (lead_id, created_at);
create index outbound_message_recipient on outbound_message (to_phone, dealer_id, created_at desc);
create index outbound_message_dealer_sends on outbound_message (dealer_id, created_at) where handed_to_twilio;
create index outbound_message_dispatching on outbound_message (dispatch_started_at) where status = 'dispatching';

-- Every status callback once (Twilio retries and repeats them); applied = it moved or was checked against the message.
create table status_callback (
    provider_sid  varchar(34) not null,
    status        varchar(30) not null,
    error_code    integer,
    received_at   timestamptz not null,
    applied       boolean     not null,
    primary key (provider_sid, status)
);
create index status_callback_pending on status_callback (provider_sid) where not applied;

-- Every inbound text once (MessageSid); lead_id null = nobody this platform texted.
create table inbound_reply (
    reply_id      uuid primary key,
    provider_sid  varchar(34) not null unique,
    from_phone    varchar(16) not null,
    to_phone      varchar(16) not null,
    dealer_id     uuid,
    lead_id       uuid,
    in_reply_to   uuid,
    body          varchar(1600) not null,
    intent        varchar(10) not null,
    received_at   timestamptz not null
);
create index inbound_reply_lead on inbound_reply (lead_id, received_at);

-- The opt-out ledger: current state per dealer and number, and the evidence of every change.
create table opt_out (
    dealer_id     uuid        not null,
    phone         varchar(16) not null,
    opted_out     boolean     not null,
    changed_at    timestamptz not null,
    primary key (dealer_id, phone)
);

create table opt_out_evidence (
    id            bigint generated always as identity primary key,
    dealer_id     uuid         not null,
    phone         varchar(16)  not null,
    opted_out     boolean      not null,
    words         varchar(200) not null,
    source        varchar(20)  not null,
    reply_id      uuid,
    message_id    uuid,
    recorded_at   timestamptz  not null
);
create index opt_out_evidence_number on opt_out_evidence (dealer_id, phone, recorded_at);
