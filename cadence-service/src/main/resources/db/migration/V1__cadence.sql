-- Local read model of the dealer directory (topic dealer-directory).
create table dealer (
    dealer_id      uuid primary key,
    name           varchar(200) not null,
    time_zone      varchar(64)  not null,
    state          varchar(2),
    contact_phone  varchar(16),
    business_hours text,
    kill_switch    boolean      not null,
    active         boolean      not null,
    updated_at     timestamptz  not null
);

create table rep (
    rep_id              uuid primary key,
    dealer_id           uuid         not null,
    name                varchar(200) not null,
    daily_call_capacity integer      not null,
    active              boolean      not null,
    role                varchar(20)  not null,
    updated_at          timestamptz  not null
);
create index rep_dealer on rep (dealer_id);

-- One row per lead: its plan, where it stands in it, and what ranking needs.
create table lead_cadence (
    lead_id          uuid primary key,
    dealer_id        uuid         not null,
    rep_id           uuid,
    source           varchar(100) not null,
    first_name       varchar(100),
    display_name     varchar(200) not null,
    phone            varchar(16),
    postal_code      varchar(16),
    vehicle          varchar(200),
    text_consent     boolean      not null,
    status           varchar(20)  not null,
    plan_kind        varchar(40)  not null,
    plan_run         integer      not null,
    plan_started_at  timestamptz  not null,
    next_step_index  integer      not null,
    next_step_at     timestamptz,
    timer_version    integer      not null,
    resend_step_id   varchar(100),
    received_at      timestamptz  not null,
    last_visit_at    timestamptz,
    replies          integer      not null default 0,
    merges           integer      not null default 0,
    first_text_sent  boolean      not null default false,
    created_at       timestamptz  not null
);
create index lead_cadence_dealer_phone on lead_cadence (dealer_id, phone);

-- Numbers that must not be texted at a dealer, until they opt back in.
create table opt_out (
    dealer_id     uuid        not null,
    phone         varchar(16) not null,
    keyword       varchar(200) not null,
    opted_out_at  timestamptz not null,
    primary key (dealer_id, phone)
);

-- Every text command issued: Florida-style caps count them, the timeline shows them.
create table text_sent (
    idempotency_key varchar(200) primary key,
    lead_id         uuid         not null,
    dealer_id       uuid         not null,
    phone           varchar(16)  not null,
    step_id         varchar(100),
    purpose         varchar(20)  not null,
    sent_at         timestamptz  not null
);
create index text_sent_phone_time on text_sent (phone, sent_at);
create index text_sent_lead on text_sent (lead_id);

-- Call tasks per rep and local day: the cap is checked against this row, locked.
create table rep_day_load (
    rep_id     uuid    not null,
    day        date    not null,
    call_tasks integer not null,
    primary key (rep_id, day)
);

-- Every decision with its reason: the timeline's "done" part.
create table decision (
    id          bigint generated always as identity primary key,
    lead_id     uuid         not null,
    decided_at  timestamptz  not null,
    effective_at timestamptz not null,
    kind        varchar(40)  not null,
    step_id     varchar(100),
    channel     varchar(10),
    reason      varchar(500) not null,
    detail      text
);
create index decision_lead on decision (lead_id, id);

-- A dealer's own plans; the built-in defaults apply where a dealer has none.
create table dealer_plan (
    dealer_id  uuid        not null,
    plan_kind  varchar(40) not null,
    plan_json  text        not null,
    updated_at timestamptz not null,
    primary key (dealer_id, plan_kind)
);

-- db-scheduler's table (PostgreSQL DDL from its documentation): durable timers.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
