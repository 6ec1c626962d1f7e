-- Roll-ups: the report's figures per dealer, dealer-local day and lead source (null while the lead.created is
-- unread), so a 90-day report sums a few hundred rows instead of scanning every fact. Each day's rows are
-- recomputed from the facts above by the roll-up pass whenever one of its leads changed: the figures stay exactly
-- what the facts say, in whatever order the events arrived.

-- Leads whose facts changed since their days were last rolled up; a consumer marks, the roll-up pass empties.
create table stale_lead (
    lead_id uuid primary key
);

-- Dealer days to recompute, found from the stale leads' facts (or all of a dealer's, when its time zone changed).
create table stale_day (
    dealer_id uuid not null,
    day       date not null,
    primary key (dealer_id, day)
);

-- Time to first text and reply to done are kept as counts per elapsed-time bucket, from which the percentiles are
-- read: to the second below 10 minutes, to 10 s below 2 hours, to the minute below a day, to the hour after.
create function elapsed_bucket(seconds double precision) returns double precision
    language sql immutable as $$
    select case when seconds < 600 then floor(seconds)
                when seconds < 7200 then floor(seconds / 10) * 10
                when seconds < 86400 then floor(seconds / 60) * 60
                else floor(seconds / 3600) * 3600 end
$$;

create table lead_day (
    dealer_id        uuid not null,
    day              date not null,
    source           text,
    leads            bigint not null,
    merges           bigint not null,
    texted           bigint not null,
    within_1_minute  bigint not null,
    within_5_minutes bigint not null,
    contacted        bigint not null,
    replied          bigint not null,
    opted_out        bigint not null,
    appointments     bigint not null,
    visits           bigint not null,
    sold             bigint not null,
    lost             bigint not null,
    never_opted_out  bigint not null,
    never_no_mobile  bigint not null,
    never_refused    bigint not null,
    never_waiting    bigint not null
);
create index lead_day_by_dealer on lead_day (dealer_id, day);

create table first_text_day (
    dealer_id uuid not null,
    day       date not null,
    source    text,
    seconds   double precision not null,
    leads     bigint not null
);
create index first_text_day_by_dealer on first_text_day (dealer_id, day);

create table rep_day (
    dealer_id uuid not null,
    day       date not null,
    source    text,
    rep_id    uuid not null,
    given     bigint not null,
    done      bigint not null,
    done_late bigint not null,
    cancelled bigint not null
);
create index rep_day_by_dealer on rep_day (dealer_id, day);

create table rep_outcome_day (
    dealer_id uuid not null,
    day       date not null,
    source    text,
    rep_id    uuid not null,
    outcome   text not null,
    tasks     bigint not null
);
create index rep_outcome_day_by_dealer on rep_outcome_day (dealer_id, day);

create table rep_reply_day (
    dealer_id uuid not null,
    day       date not null,
    source    text,
    rep_id    uuid not null,
    seconds   double precision not null,
    tasks     bigint not null
);
create index rep_reply_day_by_dealer on rep_reply_day (dealer_id, day);

create table step_day (
    dealer_id    uuid not null,
    day          date not null,
    source       text,
    step_id      text not null,
    channel      text not null,
    sent         bigint not null,
    replies      bigint not null,
    appointments bigint not null,
    opt_outs     bigint not null,
    first_offset double precision
);
create index step_day_by_dealer on step_day (dealer_id, day);

create table holdout_day (
    dealer_id    uuid not null,
    day          date not null,
    source       text,
    step_id      text not null,
    channel      text not null,
    leads        bigint not null,
    replies      bigint not null,
    appointments bigint not null
);
create index holdout_day_by_dealer on holdout_day (dealer_id, day);

-- Overdue depends on the clock, so it is counted at request time from the open tasks only.
create index task_fact_open on task_fact (dealer_id, created_at) where completed_at is null and cancelled_at is null;

-- Whatever the service read before this migration is rolled up by the first pass.
insert into stale_lead (lead_id)
select lead_id from lead_fact union select lead_id from touch union select lead_id from task_fact
union select lead_id from holdout;
