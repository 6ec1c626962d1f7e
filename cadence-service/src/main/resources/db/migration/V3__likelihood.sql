-- The learned likelihood to close (issue 16): what a lead looked like when cadence first scored it, whether it
-- then reached an appointment or a sale, and the models fitted on that.
alter table lead_cadence add column reached_calls integer not null default 0;

create table score_snapshot (
    lead_id     uuid primary key,
    dealer_id   uuid             not null,
    received_at timestamptz      not null,
    scored_at   timestamptz      not null,
    features    text             not null, -- JSON object: feature key -> value
    closed_at   timestamptz                -- first appointment set or sale
);
create index score_snapshot_received on score_snapshot (received_at);

create table likelihood_model (
    scope      uuid             not null, -- the dealer, or the nil UUID for the platform-wide prior
    version    integer          not null,
    fitted_at  timestamptz      not null,
    intercept  double precision not null,
    weights    text             not null, -- JSON object: feature key -> weight
    hot_from   double precision not null,
    trained_on integer          not null,
    positives  integer          not null,
    primary key (scope, version)
);
