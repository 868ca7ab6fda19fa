-- Stories told once: the other posts of the same story, recorded on the item that stands for it ("Also covered by
-- A, B"), one line per post (its address, a tab, its source's name); and whether the editor keeps that line.
alter table issue_item add column also_covered varchar(4000);
alter table issue_item add column also_covered_kept boolean default true not null;
