-- A text whose Twilio answer was lost and that Twilio turns out not to have goes back to the queue; this counts how
-- often, so one that keeps failing that way is given up.
alter table outbound_message add column requeues integer not null default 0;
