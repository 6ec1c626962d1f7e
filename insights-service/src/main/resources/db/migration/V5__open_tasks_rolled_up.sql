-- Overdue tasks without scanning every open task: per day row, the open tasks (with a due time) and the latest
-- due time among them. At request time a row whose latest due time has passed counts all its open tasks as
-- overdue; only the days with an open task not yet due are counted from the facts.
alter table rep_day add column open_tasks bigint not null default 0;
alter table rep_day add column open_due_max timestamptz;

insert into stale_day (dealer_id, day) select distinct dealer_id, day from rep_day on conflict do nothing;
