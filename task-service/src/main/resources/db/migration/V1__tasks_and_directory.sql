-- Local read model of the dealer directory (topic dealer-directory): only what task-service needs.
create table dealer (
    dealer_id   uuid        primary key,
    name        varchar(200) not null,
    time_zone   varchar(64) not null,
    active      boolean     not null,
    updated_at  timestamptz not null
);

create table rep (
    rep_id      uuid        primary key,
    dealer_id   uuid        not null,
    name        varchar(200) not null,
    role        varchar(16) not null,
    active      boolean     not null,
    updated_at  timestamptz not null
);
create index rep_dealer on rep (dealer_id);

-- One row per followup.create-task.v1 command (task_id chosen by cadence-service).
create table task (
    task_id            uuid         primary key,
    lead_id            uuid         not null,
    dealer_id          uuid         not null,
    rep_id             uuid         not null,
    kind               varchar(20)  not null,
    due_at             timestamptz  not null,
    priority           integer      not null,
    urgent             boolean      not null,
    reason             varchar(500) not null,
    score_value        double precision,
    score_factors      jsonb,
    lead_display_name  varchar(200) not null,
    lead_phone         varchar(16),
    lead_vehicle       varchar(200),
    status             varchar(16)  not null,
    created_at         timestamptz  not null,
    outcome            varchar(20),
    appointment_at     timestamptz,
    note               varchar(2000),
    completed_at       timestamptz,
    completed_by       uuid,
    cancelled_at       timestamptz,
    cancel_reason      varchar(500),
    constraint task_status check (status in ('open', 'done', 'cancelled'))
);
-- A rep's list: open tasks of one rep due before the end of today (range scan, then a small sort).
create index task_rep_status_due on task (rep_id, status, due_at);
-- Cancelling a lead's open tasks.
create index task_lead_status on task (lead_id, status);
-- A dealer's summary: open tasks, and tasks completed today.
create index task_dealer_status_completed on task (dealer_id, status, completed_at);

-- One-time sign-in links for the inbox page: only a hash of the code is stored.
create table sign_in_code (
    code_hash   varchar(64) primary key,
    rep_id      uuid        not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index sign_in_code_expires on sign_in_code (expires_at);
