-- A constraint PostgreSQL checks at commit, after the rows written just before it (the outbox's): a duplicate title
-- fails the commit itself.
create table note_title (title text not null, note_id uuid not null,
    constraint note_title_once unique (title) deferrable initially deferred);
