-- The sample's target table; Boot runs this file on the embedded H2 database at startup.
CREATE TABLE IF NOT EXISTS warehouse (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  warehouse_code VARCHAR(64) NOT NULL UNIQUE,
  warehouse_name VARCHAR(255),
  status SMALLINT NOT NULL
);
