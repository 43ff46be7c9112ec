-- Qiao dead letters (records a job could not deliver), MySQL 5.7+ / MariaDB 10.3+. Times are UTC.
-- reasons: JSON array of strings; record_key: the record's business key, or NULL.
CREATE TABLE IF NOT EXISTS qiao_dead_letter (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  job         VARCHAR(200) NOT NULL,
  record_key  VARCHAR(500) NULL,
  payload     MEDIUMTEXT   NOT NULL,
  stage       VARCHAR(20)  NOT NULL,
  reasons     MEDIUMTEXT   NOT NULL,
  window_name VARCHAR(200) NULL,
  first_seen  DATETIME(3)  NOT NULL,
  last_seen   DATETIME(3)  NOT NULL,
  attempts    INT          NOT NULL,
  resolved    BOOLEAN      NOT NULL,
  resolved_at DATETIME(3)  NULL,
  PRIMARY KEY (id),
  KEY qiao_dead_letter_key_idx (job, resolved, record_key),
  KEY qiao_dead_letter_seen_idx (job, last_seen)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
