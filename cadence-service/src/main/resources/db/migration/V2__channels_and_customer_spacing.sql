-- Every automated touch (text or email) to a customer, per dealer and address: the per-customer spacing and
-- Florida's per-seller limit count these. Replaces text_sent.
create table touch (
    idempotency_key varchar(200) primary key,
    lead_id         uuid         not null,
    dealer_id       uuid         not null,
    channel         varchar(10)  not null,
    address         varchar(254) not null,
    step_key        varchar(100),
    purpose         varchar(20)  not null,
    exempt          boolean      not null,
    sent_at         timestamptz  not null
);
insert into touch (idempotency_key, lead_id, dealer_id, channel, address, step_key, purpose, exempt, sent_at)
    select idempotency_key, lead_id, dealer_id, 'text', phone, step_id, purpose, purpose = 'first-touch', sent_at
    from text_sent;
drop table text_sent;
create index touch_recipient_time on touch (dealer_id, channel, address, sent_at);
create index touch_lead_step on touch (lead_id, step_key);

-- One row per customer address at a dealer and channel: locked while a touch to it is decided (so two leads of one
-- customer are spaced as one), and whether the address may be reached (opt-out, unsubscribe, bounce). Replaces opt_out.
create table recipient (
    dealer_id          uuid         not null,
    channel            varchar(10)  not null,
    address            varchar(254) not null,
    suppressed         boolean      not null,
    suppressed_because varchar(200),
    changed_at         timestamptz,
    primary key (dealer_id, channel, address)
);
insert into recipient (dealer_id, channel, address, suppressed, suppressed_because, changed_at)
    select dealer_id, 'text', phone, true, keyword, opted_out_at from opt_out;
drop table opt_out;

alter table lead_cadence add column email varchar(254);
alter table lead_cadence add column phone_textable boolean not null default true;
alter table lead_cadence add column last_buying_signal_at timestamptz;
alter table lead_cadence add column retry_attempt integer not null default 0;
alter table lead_cadence rename column resend_step_id to retry_step_key;
update lead_cadence set last_buying_signal_at = created_at;
update lead_cadence set retry_attempt = 1 where retry_step_key is not null;
create index lead_cadence_dealer_email on lead_cadence (dealer_id, email);

alter table dealer add column opt_out_scope varchar(20);

-- A dealer's own contact policy; the platform defaults (followup.cadence.policy.*) apply where a dealer has none.
create table contact_policy (
    dealer_id           uuid primary key,
    text_minimum_gap_s  bigint      not null,
    text_daily_limit    integer     not null,
    email_minimum_gap_s bigint      not null,
    email_daily_limit   integer     not null,
    merge_window_s      bigint      not null,
    updated_at          timestamptz not null
);
