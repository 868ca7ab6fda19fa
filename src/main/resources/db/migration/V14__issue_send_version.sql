-- The send's state changes are checked against the version they read (issue #16): a worker pausing a send and an
-- editor cancelling it at the same moment both read "running", and the one that committed last won, so a cancelled
-- send could come back paused. Now the second finds the version changed and looks again.
alter table issue_send add column version bigint default 0 not null;
