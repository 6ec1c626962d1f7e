create table note (id uuid primary key, body text not null);
-- No unique key on event_id on purpose: a double application would show as two rows.
create table applied_note (id bigint generated always as identity primary key, event_id uuid not null, body text not null);
