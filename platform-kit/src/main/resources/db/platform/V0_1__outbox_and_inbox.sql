-- Plumbing tables every service has in its own schema (platform-kit). Service migrations start at V1.

create table outbox_event (
    seq          bigint generated always as identity primary key,
    event_id     uuid         not null unique,
    shard        integer      not null,
    topic        varchar(200) not null,
    event_key    varchar(200) not null,
    event_type   varchar(200) not null,
    source       varchar(100) not null,
    occurred_at  timestamptz  not null,
    payload      text         not null
);
create index outbox_event_shard_seq on outbox_event (shard, seq);

create table inbox_event (
    consumer     varchar(200) not null,
    event_id     uuid         not null,
    received_at  timestamptz  not null,
    primary key (consumer, event_id)
);
create index inbox_event_received_at on inbox_event (received_at);
