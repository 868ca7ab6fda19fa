-- The preheader (issue #17): the hidden preview text an inbox shows beside the subject. Empty means the intro's
-- first sentence.
alter table newsletter_issue add column preheader varchar(300);

-- The default subject became '{newsletter} #{number}: {window}' (filled in when sent). A draft whose subject is still
-- the old default, a copy of its title '<name> — Weekly Roundup (<window>)', gets the new one; an edited subject
-- (or a subject kept while the title was edited) stays as written.
update newsletter_issue set subject = '{newsletter} #{number}: {window}'
where status = 'DRAFT' and subject = title and title like '% — Weekly Roundup (%)';
