-- Qiao backfill slices, PostgreSQL 9.5+ (claims use FOR UPDATE SKIP LOCKED). Times are UTC.
-- A slice [slice_start, slice_end) of a job's backfill: PENDING, CLAIMED by owner until claim_until, DONE, or
-- FAILED with last_error (retried while attempts < the backfill's maxAttempts).
CREATE TABLE IF NOT EXISTS qiao_backfill_slice (
  job         VARCHAR(200)  NOT NULL,
  slice_start TIMESTAMP(3)  NOT NULL,
  slice_end   TIMESTAMP(3)  NOT NULL,
  state       VARCHAR(10)   NOT NULL,
  attempts    INT           NOT NULL,
  owner       VARCHAR(220)  NULL,
  claim_until TIMESTAMP(3)  NULL,
  last_error  VARCHAR(2000) NULL,
  updated_at  TIMESTAMP(3)  NOT NULL,
  PRIMARY KEY (job, slice_start)
);
