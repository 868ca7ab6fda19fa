-- Click counts of a sent issue: one row per link (an item, or the sponsor's link), never per reader.
create table click_count (
    issue_id  bigint       not null references newsletter_issue (id) on delete cascade,
    link      varchar(40)  not null,
    clicks    bigint       not null,
    primary key (issue_id, link)
);

-- the switch, off unless an admin turns it on in Settings
insert into newsletter_setting (name) values ('clickCounts');
