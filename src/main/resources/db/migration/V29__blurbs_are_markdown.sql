-- Item blurbs became Markdown (issue #17). Every blurb written before was plain text, the editor's own as well as
-- copied excerpts, so each is escaped here to read as it did: a backslash before what Markdown reads anywhere
-- (\ ` * _ [ ] < &) and before a first character that would start a block (# > - + = ~ |). This is
-- Markdown.literal for one-line text, which excerpts are; a later line that starts like a block, or a blurb that
-- starts with "1.", is left as it is. REPLACE, SUBSTRING and CASE read the same on H2 and PostgreSQL.
update issue_item set blurb = substring(
    case when substring(blurb, 1, 1) in ('#', '>', '-', '+', '=', '~', '|') then '\' else '' end
    || replace(replace(replace(replace(replace(replace(replace(replace(blurb,
        '\', '\\'), '`', '\`'), '*', '\*'), '_', '\_'), '[', '\['), ']', '\]'), '<', '\<'), '&', '\&'),
    1, 5000)
where blurb is not null;
