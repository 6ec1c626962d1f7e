-- A task made from a customer's reply keeps what the reply asked for (followup.create-task.v2 reply), so the rep's
-- page can prefill the proposed time and offer closing the lead as lost in one tap.
alter table task
    add column reply_intent      varchar(20),
    add column proposed_at       timestamptz,
    add column proposed_day_only boolean not null default false,
    add column proposed_zone     varchar(64),
    add column question_kinds    varchar(100),
    add column question_text     varchar(300),
    add column lost_reason       varchar(30),
    -- each score factor's contribution in words ("replied twice: +0.21"), shown to the rep
    add column score_explanation jsonb;
-- Phone numbers are shown the way people read them in the dealer's country; dealers seen before this column existed
-- are US dealers until their next directory record says otherwise.
alter table dealer add column country varchar(2) not null default 'US';
