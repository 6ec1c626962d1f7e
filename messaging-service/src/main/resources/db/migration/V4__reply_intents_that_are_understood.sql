-- Replies are now understood beyond opt-out/opt-in/help: APPOINTMENT, CALL_ME, QUESTION, NOT_LOOKING need more room.
alter table inbound_reply alter column intent type varchar(20);
