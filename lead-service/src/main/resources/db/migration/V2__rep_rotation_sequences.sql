-- Round-robin position per dealer moves from dealer.assignment_counter (a row lock held by every lead's transaction
-- until its commit, which serialised a dealer's intake) to one sequence per dealer: nextval never waits for another
-- transaction. New dealers get theirs when created (RepRotation.createFor); existing ones continue where they were.
do $$
declare
    d record;
begin
    for d in select id, assignment_counter from dealer loop
        execute format('create sequence if not exists %I start with %s', 'rep_rotation_' || replace(d.id::text, '-', ''),
                       d.assignment_counter + 1);
    end loop;
end
$$;

alter table dealer drop column assignment_counter;
