-- Dealer directory: dealers, reps and the dealers' API keys.
create table dealer (
    id                    uuid primary key,
    name                  varchar(200) not null,
    time_zone             varchar(64)  not null,
    country               varchar(2)   not null,
    postal_code           varchar(16),
    state                 varchar(2),
    business_hours        text,
    texting_number        varchar(16),
    messaging_service_sid varchar(34),
    contact_phone         varchar(16),
    contact_email         varchar(254),
    website_url           varchar(2000),
    kill_switch           boolean      not null,
    active                boolean      not null,
    -- Round-robin position: incremented in the transaction of each assigned lead.
    assignment_counter    bigint       not null default 0,
    created_at            timestamptz  not null,
    updated_at            timestamptz  not null
);

create table rep (
    id                  uuid primary key,
    dealer_id           uuid         not null references dealer (id),
    name                varchar(200) not null,
    phone               varchar(16),
    email               varchar(254),
    daily_call_capacity integer      not null,
    active              boolean      not null,
    role                varchar(16)  not null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);
create index rep_dealer on rep (dealer_id, created_at, id);

create table api_key (
    id                    uuid primary key,
    dealer_id             uuid         not null references dealer (id),
    prefix                varchar(16)  not null unique,
    key_hash              varchar(64)  not null,
    label                 varchar(200),
    rate_per_second       integer,
    burst                 integer,
    created_at            timestamptz  not null,
    revoked_at            timestamptz
);
create index api_key_dealer on api_key (dealer_id, created_at);

-- Every accepted intake request's body, as received (JSON or ADF XML).
create table intake_document (
    id           uuid primary key,
    dealer_id    uuid          not null,
    content_type varchar(100)  not null,
    body         text          not null,
    received_at  timestamptz   not null
);

create table lead (
    id                   uuid primary key,
    dealer_id            uuid          not null references dealer (id),
    status               varchar(16)   not null,
    source               varchar(100)  not null,
    provider             varchar(200),
    source_lead_id       varchar(200),
    assigned_rep_id      uuid,
    first_name           varchar(100),
    last_name            varchar(100),
    phone                varchar(16),
    phone_type           varchar(16),
    email                varchar(254),
    postal_code          varchar(16),
    preferred_contact    varchar(16),
    vehicles             text          not null,
    comments             text,
    timeframe            varchar(200),
    text_consent         boolean,
    consent_text         varchar(2000),
    consent_captured_at  timestamptz,
    consent_page         varchar(2000),
    consent_ip           varchar(45),
    requested_at         timestamptz,
    received_at          timestamptz   not null,
    updated_at           timestamptz   not null,
    appointment_at       timestamptz,
    status_reason        varchar(500),
    document_id          uuid          not null references intake_document (id)
);
create index lead_dealer_received on lead (dealer_id, received_at desc, id);
-- De-duplication lookups: same dealer, same phone or email, recent.
create index lead_dealer_phone on lead (dealer_id, phone, received_at) where phone is not null;
create index lead_dealer_email on lead (dealer_id, email, received_at) where email is not null;

-- Duplicates merged into an existing lead: the buying signal, with what it added.
create table lead_merge (
    id              uuid primary key,
    lead_id         uuid          not null references lead (id),
    source          varchar(100)  not null,
    provider        varchar(200),
    source_lead_id  varchar(200),
    matched_on      varchar(8)    not null,
    vehicles_added  text          not null,
    comments        text,
    merged_at       timestamptz   not null,
    document_id     uuid          not null references intake_document (id)
);
create index lead_merge_lead on lead_merge (lead_id, merged_at);

-- Idempotency: a source's own lead id, or a client's Idempotency-Key, maps to the lead it produced.
create table intake_key (
    dealer_id   uuid          not null,
    intake_key  varchar(500)  not null,
    lead_id     uuid          not null,
    created_at  timestamptz   not null,
    primary key (dealer_id, intake_key)
);

create table visit (
    id          uuid primary key,
    lead_id     uuid          not null references lead (id),
    dealer_id   uuid          not null,
    visited_at  timestamptz   not null,
    rep_id      uuid,
    notes       varchar(2000),
    new_lead    boolean       not null,
    recorded_at timestamptz   not null
);
create index visit_lead on visit (lead_id, visited_at);
