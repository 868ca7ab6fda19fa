-- Projects and jobs submitted by the community, and which issues featured them. Runs on H2 and PostgreSQL.

create sequence project_seq start with 1 increment by 50;
create sequence job_seq start with 1 increment by 50;
create sequence listing_feature_seq start with 1 increment by 50;

create table project (
    id            bigint        not null primary key,
    name          varchar(100)  not null,
    url           varchar(2000) not null,
    description   varchar(600)  not null,
    repo_url      varchar(2000),
    image_url     varchar(2000),
    maker_name    varchar(100)  not null,
    maker_email   varchar(320)  not null,
    status        varchar(20)   not null,
    reject_reason varchar(500),
    featured      boolean       not null,
    submitted_at  timestamp(6) with time zone not null,
    approved_at   timestamp(6) with time zone,
    updated_at    timestamp(6) with time zone not null
);
create index project_status_ix on project (status, approved_at);

create table job (
    id            bigint        not null primary key,
    title         varchar(120)  not null,
    company       varchar(120)  not null,
    location      varchar(120)  not null,
    apply_url     varchar(2000) not null,
    description   varchar(2000) not null,
    salary        varchar(120),
    contact_email varchar(320)  not null,
    status        varchar(20)   not null,
    reject_reason varchar(500),
    featured      boolean       not null,
    submitted_at  timestamp(6) with time zone not null,
    approved_at   timestamp(6) with time zone,
    expires_at    timestamp(6) with time zone,
    updated_at    timestamp(6) with time zone not null
);
create index job_status_ix on job (status, approved_at);

create table listing_feature (
    id           bigint      not null primary key,
    kind         varchar(10) not null,
    listing_id   bigint      not null,
    issue_id     bigint      not null,
    issue_number integer     not null,
    featured_at  timestamp(6) with time zone not null
);
create unique index listing_feature_uk on listing_feature (kind, listing_id, issue_id);
