-- Claims walk pending rows in subscriber order and find a worker's claimed rows by status: one index serves both,
-- so a claim costs the size of the batch, not the size of the list.
drop index delivery_claim_ix;
create index delivery_status_ix on delivery (issue_id, status, subscriber_id);
