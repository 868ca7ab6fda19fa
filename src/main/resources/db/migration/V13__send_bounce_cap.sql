-- The hard-bounce cap of a send (issue #16): how many readers it has hard-bounced, and how many it may before it
-- pauses and asks (null: the configured cap). Counted in the database so that every instance sharing a send keeps
-- to one cap, with one conditional update per hard bounce.
alter table issue_send add column hard_bounces integer default 0 not null;
alter table issue_send add column bounce_allowance integer;
