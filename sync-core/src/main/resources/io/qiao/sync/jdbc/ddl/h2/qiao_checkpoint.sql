-- Qiao checkpoints and job leases, H2 2.x. Times are UTC.
-- watermark: ISO-8601 instant text (exact to the nanosecond); version: compare-and-set counter;
-- owner/lease_until: the replica that holds the job's lease and until when.
CREATE TABLE IF NOT EXISTS qiao_checkpoint (
  job         VARCHAR(200) NOT NULL PRIMARY KEY,
  watermark   VARCHAR(40)  NULL,
  "CURSOR"    VARCHAR(500) NULL,
  version     BIGINT       NOT NULL,
  updated_at  TIMESTAMP(3) NOT NULL,
  owner       VARCHAR(200) NULL,
  lease_until TIMESTAMP(3) NULL
);
