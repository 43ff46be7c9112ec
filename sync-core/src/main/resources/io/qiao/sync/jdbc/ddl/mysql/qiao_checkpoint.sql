-- Qiao checkpoints and job leases, MySQL 5.7+ / MariaDB 10.3+. Times are UTC.
-- watermark: ISO-8601 instant text (exact to the nanosecond); version: compare-and-set counter;
-- owner/lease_until: the replica that holds the job's lease and until when.
CREATE TABLE IF NOT EXISTS qiao_checkpoint (
  job         VARCHAR(200) NOT NULL,
  watermark   VARCHAR(40)  NULL,
  `cursor`    VARCHAR(500) NULL,
  version     BIGINT       NOT NULL,
  updated_at  DATETIME(3)  NOT NULL,
  owner       VARCHAR(200) NULL,
  lease_until DATETIME(3)  NULL,
  PRIMARY KEY (job)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
