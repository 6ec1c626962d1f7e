-- Leads a plan step held out (followup.step-held-out.v1): the control group of the step's lift.
create table holdout (
    lead_id     uuid not null,
    step_id     text not null,
    dealer_id   uuid not null,
    channel     text not null,
    held_out_at timestamptz not null,
    primary key (lead_id, step_id)
);
create index holdout_by_dealer on holdout (dealer_id, held_out_at);
