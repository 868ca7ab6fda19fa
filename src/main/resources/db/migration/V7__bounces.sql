-- Bounces read from the bounce mailbox: one row per (report, subscriber), so a report read twice counts once.

create sequence bounce_seq start with 1 increment by 50;

create table bounce (
    id                bigint       not null primary key,
    subscriber_id     bigint       not null references subscriber (id) on delete cascade,
    issue_id          bigint       references newsletter_issue (id) on delete set null,
    kind              varchar(10)  not null,
    status            varchar(20),
    detail            varchar(500),
    report_id         varchar(200) not null,
    received_at       timestamp(6) with time zone not null,
    unique (report_id, subscriber_id)
);
create index bounce_subscriber_ix on bounce (subscriber_id, received_at);
create index bounce_issue_ix on bounce (issue_id);
