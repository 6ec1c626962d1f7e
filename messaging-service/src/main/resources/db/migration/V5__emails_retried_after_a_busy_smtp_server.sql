-- An SMTP server that answers 4xx (busy, greylisting, too many connections) or cannot be reached did not take the
-- email: it waits as 'retrying' until next_attempt_at and is handed over again; attempts counts the tries that failed
-- that way. A 'sending' email is unconfirmed once it has been sending for 5 minutes, counted from its last move into
-- 'sending' (status_changed_at), not from when it was first recorded.
alter table outbound_email add column attempts int not null default 0;
alter table outbound_email add column next_attempt_at timestamptz;
update outbound_email set status_changed_at = created_at where status_changed_at is null;
drop index outbound_email_sending;
create index outbound_email_sending on outbound_email (status_changed_at) where status = 'sending';
create index outbound_email_retrying on outbound_email (next_attempt_at) where status = 'retrying';
