-- The managers' read model. Every row is built from events only, and every write is an upsert that gives the
-- same row whatever order the topics' records arrive in (a message.sent may be read before the lead.created of
-- its lead: different topics, different partitions), so a replay from the beginning reaches the same figures.

create table dealer (
    dealer_id  uuid primary key,
    name       text not null,
    time_zone  text not null,
    updated_at timestamptz not null
);

create table rep (
    rep_id     uuid primary key,
    dealer_id  uuid not null,
    name       text not null,
    role       text not null,
    active     boolean not null,
    updated_at timestamptz not null
);
create index rep_by_dealer on rep (dealer_id);

-- One row per lead; the lead.created columns stay null until that event is read.
create table lead_fact (
    lead_id           uuid primary key,
    dealer_id         uuid,
    source            text,
    rep_id            uuid,
    received_at       timestamptz,
    textable          boolean,
    merges            integer not null default 0,
    first_text_at     timestamptz,
    replied_at        timestamptz,
    reached_at        timestamptz,
    opted_out_at      timestamptz,
    appointment_at    timestamptz,
    visited_at        timestamptz,
    status            text,
    status_changed_at timestamptz,
    last_refusal      text
);
create index lead_fact_by_dealer on lead_fact (dealer_id, received_at);

-- One row per text or email the plan asked for (key: the command's idempotency key).
create table touch (
    idempotency_key text primary key,
    lead_id         uuid not null,
    dealer_id       uuid not null,
    channel         text not null,
    step_id         text,
    purpose         text,
    requested_at    timestamptz,
    sent_at         timestamptz,
    refused_reason  text
);
create index touch_by_dealer_sent on touch (dealer_id, sent_at);

create table reply (
    reply_id    uuid primary key,
    lead_id     uuid not null,
    dealer_id   uuid not null,
    intent      text not null,
    received_at timestamptz not null
);
create index reply_by_lead on reply (lead_id, received_at);

-- One row per task; created_at is null until the create-task command is read (task.completed may come first).
create table task_fact (
    task_id      uuid primary key,
    lead_id      uuid not null,
    dealer_id    uuid not null,
    rep_id       uuid not null,
    kind         text not null,
    due_at       timestamptz,
    created_at   timestamptz,
    completed_at timestamptz,
    outcome      text,
    cancelled_at timestamptz
);
create index task_fact_by_dealer on task_fact (dealer_id, rep_id);
