-- A texting number or Messaging Service belongs to one active dealer: replies are routed by it. The service checks
-- this under an advisory lock; these partial unique indexes hold it in the database too, unless an earlier run
-- already let two active dealers share a number (then a warning names them and the check alone applies until an
-- operator resolves it).
do $$
begin
    if exists (select texting_number from dealer where active and texting_number is not null
               group by texting_number having count(*) > 1) then
        raise warning 'two active dealers share a texting number; index dealer_active_texting_number not created';
    else
        create unique index dealer_active_texting_number on dealer (texting_number) where active and texting_number is not null;
    end if;
    if exists (select messaging_service_sid from dealer where active and messaging_service_sid is not null
               group by messaging_service_sid having count(*) > 1) then
        raise warning 'two active dealers share a Messaging Service; index dealer_active_messaging_service not created';
    else
        create unique index dealer_active_messaging_service on dealer (messaging_service_sid)
            where active and messaging_service_sid is not null;
    end if;
end $$;

alter table dealer add column mailing_address varchar(300);
alter table dealer add column send_rate_per_minute integer;
alter table dealer add column opt_out_scope varchar(20);
alter table dealer add column opt_out_confirmation boolean not null default false;
