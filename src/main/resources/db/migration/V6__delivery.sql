-- Sending an issue: one row per (issue, subscriber), claimed in batches, marked sent only after the server's 250.

create table issue_send (
    issue_id       bigint       not null primary key references newsletter_issue (id) on delete cascade,
    state          varchar(20)  not null,
    state_reason   varchar(500),
    total          integer      not null,
    started_at     timestamp(6) with time zone not null,
    finished_at    timestamp(6) with time zone
);

create table delivery (
    issue_id        bigint       not null references newsletter_issue (id) on delete cascade,
    subscriber_id   bigint       not null references subscriber (id) on delete cascade,
    status          varchar(20)  not null,
    attempts        integer      not null,
    next_attempt_at timestamp(6) with time zone not null,
    claimed_by      varchar(40),
    claimed_at      timestamp(6) with time zone,
    message_id      varchar(200),
    sent_at         timestamp(6) with time zone,
    last_error      varchar(500),
    primary key (issue_id, subscriber_id)
);
create index delivery_claim_ix on delivery (issue_id, status, next_attempt_at, subscriber_id);
create index delivery_subscriber_ix on delivery (subscriber_id);
