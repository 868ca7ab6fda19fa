-- Links the community suggests for the newsletter, moderated by an editor, and the setting for a quiet week.
-- Runs on H2 and PostgreSQL.

create sequence link_suggestion_seq start with 1 increment by 50;

create table link_suggestion (
    id              bigint        not null primary key,
    url             varchar(2000) not null,
    canonical_url   varchar(2000) not null,
    canonical_hash  varchar(64)   not null,
    title           varchar(300),
    note            varchar(1000),
    suggester_name  varchar(100),
    suggester_email varchar(320),
    status          varchar(20)   not null,
    decline_reason  varchar(500),
    submission_key  varchar(64),
    submitted_at    timestamp(6) with time zone not null,
    decided_at      timestamp(6) with time zone,
    constraint link_suggestion_key_uk unique (submission_key)
);
create index link_suggestion_status_ix on link_suggestion (status, decided_at);
create index link_suggestion_hash_ix on link_suggestion (canonical_hash);

insert into newsletter_setting (name) values ('quietWeek');
