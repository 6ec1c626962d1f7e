-- Calls a rep's full daily list kept off it (followup.call-over-cap.v1): the reps table's "skipped over the cap".
create table over_cap (
    lead_id    uuid not null,
    step_key   text not null,
    dealer_id  uuid not null,
    rep_id     uuid not null,
    instead    text not null,
    decided_at timestamptz not null,
    primary key (lead_id, step_key)
);

create table rep_over_cap_day (
    dealer_id uuid not null,
    day       date not null,
    source    text,
    rep_id    uuid not null,
    calls     bigint not null
);
create index rep_over_cap_day_by_dealer on rep_over_cap_day (dealer_id, day);
