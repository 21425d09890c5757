-- What a running split is doing right now (its step's progress, rate, estimate, replication lag),
-- written by its runner every second or so, beside the workflow's own row so that these frequent
-- writes never touch the row that claims and advances lock.
CREATE TABLE split_live (
    split_id   BIGINT      NOT NULL,
    live       TEXT        NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (split_id),
    CONSTRAINT fk_split_live_split FOREIGN KEY (split_id) REFERENCES split_workflows (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
