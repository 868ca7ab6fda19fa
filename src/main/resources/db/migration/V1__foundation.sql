-- Roundup's first schema. Written to run unchanged on H2 and PostgreSQL.

create table app_secret (
    name         varchar(64)  not null primary key,
    secret_value varchar(255) not null
);

create sequence editor_seq start with 1 increment by 50;

create table editor (
    id            bigint       not null primary key,
    email         varchar(320) not null,
    name          varchar(200),
    password_hash varchar(100) not null,
    role          varchar(40)  not null,
    created_at    timestamp(6) with time zone not null,
    last_login_at timestamp(6) with time zone
);
create unique index editor_email_uk on editor (email);
