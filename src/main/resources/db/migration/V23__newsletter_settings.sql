-- The newsletter's settings an admin changes on /editor/settings, shared by every instance. A null value means
-- "not set here": the configuration key is used. Every row is seeded, so a save only updates.
create table newsletter_setting (
    name          varchar(64)    not null primary key,
    setting_value varchar(10000),
    updated_at    timestamp(6) with time zone
);
insert into newsletter_setting (name) values ('name');
insert into newsletter_setting (name) values ('tagline');
insert into newsletter_setting (name) values ('from');
insert into newsletter_setting (name) values ('fromName');
insert into newsletter_setting (name) values ('replyTo');
insert into newsletter_setting (name) values ('postalAddress');
insert into newsletter_setting (name) values ('intro');
insert into newsletter_setting (name) values ('footer');
insert into newsletter_setting (name) values ('supportNote');
insert into newsletter_setting (name) values ('communitySize');
insert into newsletter_setting (name) values ('projectsSize');
insert into newsletter_setting (name) values ('jobsSize');
insert into newsletter_setting (name) values ('suggestions');
insert into newsletter_setting (name) values ('draftDay');
insert into newsletter_setting (name) values ('draftTime');
insert into newsletter_setting (name) values ('timeZone');
