-- Issue numbers are the numbers readers see (issue #17): a draft has none, a send takes the next one. A cancelled
-- draft used up a number before, so the first issue ever sent went out as #3. Issues that never started a send give
-- their number back; sent ones (and any whose send began, so readers may hold it) keep theirs: nothing readers saw
-- is renumbered. The counter row is what a send locks to take the next number, so two instances take turns.
alter table newsletter_issue alter column number drop not null;
update newsletter_issue set number = null
    where status in ('DRAFT', 'SCHEDULED', 'CANCELLED')
      and not exists (select 1 from issue_send s where s.issue_id = newsletter_issue.id);
create table issue_numbering (
    id           integer not null primary key,
    last_number  integer not null
);
insert into issue_numbering (id, last_number) select 1, coalesce(max(number), 0) from newsletter_issue;
