-- Sign-in that can't be guessed, and sessions that end (issue #15). Runs unchanged on H2 and PostgreSQL.

-- Two roles: 'admin' manages editors, tokens and settings; 'editor' does everything else. Every editor who
-- existed before roles could manage editors, so every one of them stays able to.
update editor set role = 'admin';
alter table editor add column disabled_at timestamp(6) with time zone;

-- A signed-in browser. The cookie holds a random secret; the table holds only its SHA-256, so a copy of the
-- database opens no session. Signing out deletes the row, so every instance sharing the database refuses the cookie.
create table editor_session (
    id         varchar(64)  not null primary key,
    editor_id  bigint       not null references editor (id),
    created_at timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone not null
);
create index editor_session_editor on editor_session (editor_id);

-- Revocable API tokens for scripts, shown once and stored as SHA-256 only.
create sequence api_token_seq start with 1 increment by 50;
create table api_token (
    id           bigint       not null primary key,
    editor_id    bigint       not null references editor (id),
    name         varchar(100) not null,
    token_hash   varchar(64)  not null,
    created_at   timestamp(6) with time zone not null,
    last_used_at timestamp(6) with time zone
);
create unique index api_token_hash_uk on api_token (token_hash);
create index api_token_editor on api_token (editor_id);

-- Settings an admin changes at run time, shared by every instance.
create table app_setting (
    name          varchar(64)  not null primary key,
    setting_value varchar(255) not null
);
-- Seeded here, so saving a setting is an update only: two admins' first saves cannot both insert.
insert into app_setting (name, setting_value) values ('api.password-basic-auth', 'true');
