-- Issues of the newsletter: sections and items, curated by editors. Runs on H2 and PostgreSQL.

create sequence newsletter_issue_seq start with 1 increment by 50;
create sequence issue_section_seq start with 1 increment by 50;
create sequence issue_item_seq start with 1 increment by 50;

create table newsletter_issue (
    id             bigint        not null primary key,
    number         integer       not null,
    title          varchar(300)  not null,
    subject        varchar(300)  not null,
    window_from    date          not null,
    window_to      date          not null,
    intro          varchar(20000),
    footer         varchar(5000),
    sponsor_name   varchar(200),
    sponsor_url    varchar(2000),
    sponsor_text   varchar(2000),
    sponsor_image  varchar(2000),
    status         varchar(20)   not null,
    scheduled_at   timestamp(6) with time zone,
    sent_at        timestamp(6) with time zone,
    created_at     timestamp(6) with time zone not null,
    updated_at     timestamp(6) with time zone not null,
    version        bigint        not null
);
create unique index newsletter_issue_number_uk on newsletter_issue (number);
create unique index newsletter_issue_window_uk on newsletter_issue (window_from, window_to);

create table issue_section (
    id        bigint       not null primary key,
    issue_id  bigint       not null references newsletter_issue (id) on delete cascade,
    position  integer      not null,
    kind      varchar(20)  not null,
    title     varchar(200) not null,
    note      varchar(5000)
);
create index issue_section_issue_ix on issue_section (issue_id, position);

create table issue_item (
    id           bigint        not null primary key,
    section_id   bigint        not null references issue_section (id) on delete cascade,
    position     integer       not null,
    included     boolean       not null,
    kind         varchar(10)   not null,
    ref_id       bigint,
    title        varchar(1000) not null,
    url          varchar(2000) not null,
    blurb        varchar(5000),
    source       varchar(300),
    link_status  varchar(200),
    checked_at   timestamp(6) with time zone
);
create index issue_item_section_ix on issue_item (section_id, position);
create index issue_item_ref_ix on issue_item (kind, ref_id);
