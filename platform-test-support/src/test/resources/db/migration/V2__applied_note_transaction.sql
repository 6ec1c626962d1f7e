-- Which transaction applied a note: records of one poll share one.
alter table applied_note add column tx bigint not null default txid_current();
