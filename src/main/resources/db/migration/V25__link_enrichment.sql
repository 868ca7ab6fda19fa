-- What Roundup learnt about a linked page (image, site, author, reading time) and the thumbnails it made of the
-- pages' images, served from Roundup so that readers' mail clients never contact the linked sites. Runs on H2 and PostgreSQL.

create sequence link_enrichment_seq start with 1 increment by 50;

create table link_enrichment (
    id              bigint        not null primary key,
    url             varchar(2000) not null,
    url_key         varchar(64)   not null,
    status          varchar(10)   not null,
    failure         varchar(300),
    attempts        integer       not null,
    site_name       varchar(300),
    author          varchar(300),
    reading_minutes integer,
    image_url       varchar(2000),
    thumbnail_id    varchar(64),
    requested_at    timestamp(6) with time zone not null,
    tried_at        timestamp(6) with time zone
);
create unique index link_enrichment_url_uk on link_enrichment (url_key);
create index link_enrichment_status_ix on link_enrichment (status, tried_at);

-- keyed by the SHA-256 of the thumbnail's bytes: the same picture is stored once
create table thumbnail (
    id            varchar(64)  not null primary key,
    content_type  varchar(20)  not null,
    width         integer      not null,
    height        integer      not null,
    bytes         bytea        not null,
    created_at    timestamp(6) with time zone not null
);

-- the editor shows thumbnails per section; off until they turn it on
alter table issue_section add column thumbnails boolean default false not null;
