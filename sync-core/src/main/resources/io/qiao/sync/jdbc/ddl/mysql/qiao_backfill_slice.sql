-- Qiao backfill slices, MySQL 8.0+ / MariaDB 10.6+ (claims use FOR UPDATE SKIP LOCKED). Times are UTC.
-- A slice [slice_start, slice_end) of a job's backfill: PENDING, CLAIMED by owner until claim_until, DONE, or
-- FAILED with last_error (retried while attempts < the backfill's maxAttempts).
CREATE TABLE IF NOT EXISTS qiao_backfill_slice (
  job         VARCHAR(200)  NOT NULL,
  slice_start DATETIME(3)   NOT NULL,
  slice_end   DATETIME(3)   NOT NULL,
  state       VARCHAR(10)   NOT NULL,
  attempts    INT           NOT NULL,
  owner       VARCHAR(220)  NULL,
  claim_until DATETIME(3)   NULL,
  last_error  VARCHAR(2000) NULL,
  updated_at  DATETIME(3)   NOT NULL,
  PRIMARY KEY (job, slice_start)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
