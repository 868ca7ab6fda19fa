-- The preheader (issue #17): the hidden preview text an inbox shows beside the subject. Empty means the intro's
-- first sentence.
alter table newsletter_issue add column preheader varchar(300);
