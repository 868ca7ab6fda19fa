-- Feeds and the posts collected from them. Runs unchanged on H2 and PostgreSQL.

create sequence feed_seq start with 1 increment by 50;
create sequence post_seq start with 1 increment by 50;
create sequence post_source_seq start with 1 increment by 50;

create table feed (
    id                   bigint        not null primary key,
    url                  varchar(2000) not null,
    site_url             varchar(2000),
    title                varchar(300),
    notes                varchar(2000),
    enabled              boolean       not null,
    disabled_reason      varchar(500),
    etag                 varchar(500),
    last_modified        varchar(100),
    body_hash            varchar(64),
    last_fetch_at        timestamp(6) with time zone,
    last_success_at      timestamp(6) with time zone,
    last_status          integer,
    last_new_posts       integer       not null,
    last_skipped_entries integer       not null,
    consecutive_failures integer       not null,
    last_error           varchar(1000),
    next_fetch_at        timestamp(6) with time zone not null,
    created_at           timestamp(6) with time zone not null
);
create unique index feed_url_uk on feed (url);
create index feed_due_ix on feed (enabled, next_fetch_at);

create table post (
    id             bigint        not null primary key,
    canonical_url  varchar(2000) not null,
    canonical_hash varchar(64)   not null,
    blog_name      varchar(300),
    title          varchar(1000) not null,
    author         varchar(300),
    published_at   timestamp(6) with time zone not null,
    first_seen_at  timestamp(6) with time zone not null,
    content_html   varchar(200000),
    excerpt        varchar(2000),
    source_count   integer       not null
);
create unique index post_canonical_uk on post (canonical_hash);
create index post_published_ix on post (published_at);

create table post_source (
    id            bigint      not null primary key,
    post_id       bigint      not null references post (id) on delete cascade,
    feed_id       bigint      references feed (id) on delete set null,
    entry_key     varchar(64) not null,
    first_seen_at timestamp(6) with time zone not null
);
create unique index post_source_entry_uk on post_source (feed_id, entry_key);
create index post_source_post_ix on post_source (post_id);
