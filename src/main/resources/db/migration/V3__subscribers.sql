-- Subscribers, what happened to each, and the addresses never to mail again. Runs on H2 and PostgreSQL.

create sequence subscriber_seq start with 1 increment by 50;
create sequence subscriber_event_seq start with 1 increment by 50;
create sequence suppression_seq start with 1 increment by 50;

create table subscriber (
    id                        bigint       not null primary key,
    public_id                 varchar(32)  not null,
    email                     varchar(320) not null,
    name                      varchar(200),
    status                    varchar(20)  not null,
    token_version             integer      not null,
    consent_at                timestamp(6) with time zone,
    consent_ip                varchar(64),
    consent_source            varchar(20)  not null,
    confirmation_requested_at timestamp(6) with time zone,
    confirmation_sent_at      timestamp(6) with time zone,
    confirmed_at              timestamp(6) with time zone,
    unsubscribed_at           timestamp(6) with time zone,
    soft_bounces              integer      not null,
    created_at                timestamp(6) with time zone not null,
    updated_at                timestamp(6) with time zone not null,
    version                   bigint       not null
);
create unique index subscriber_email_uk on subscriber (email);
create unique index subscriber_public_id_uk on subscriber (public_id);
create index subscriber_status_ix on subscriber (status, id);
create index subscriber_confirmation_ix on subscriber (confirmation_requested_at);

create table subscriber_event (
    id            bigint      not null primary key,
    subscriber_id bigint      not null references subscriber (id) on delete cascade,
    at            timestamp(6) with time zone not null,
    kind          varchar(30) not null,
    detail        varchar(500)
);
create index subscriber_event_ix on subscriber_event (subscriber_id, at);

create table suppression (
    id         bigint      not null primary key,
    email_hash varchar(64) not null,
    reason     varchar(30) not null,
    created_at timestamp(6) with time zone not null
);
create unique index suppression_hash_uk on suppression (email_hash);
