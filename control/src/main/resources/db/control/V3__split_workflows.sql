-- Online splits, persisted step by step so that a crashed run resumes where it stopped.
-- active_source makes a second split of the same source impossible while one is unfinished.
CREATE TABLE split_workflows (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    source        VARCHAR(64)  NOT NULL,
    target        VARCHAR(64)  NOT NULL,
    range_start   CHAR(16)     NOT NULL,
    range_end     CHAR(16)     NOT NULL,
    step          VARCHAR(32)  NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    outputs       MEDIUMTEXT   NOT NULL,
    owner         VARCHAR(128) NULL,
    heartbeat     DATETIME(6)  NULL,
    last_error    TEXT         NULL,
    created_at    DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NOT NULL,
    active_source VARCHAR(64) AS (IF(state IN ('DONE', 'ABORTED'), NULL, source)) PERSISTENT,
    PRIMARY KEY (id),
    UNIQUE KEY uk_split_active_source (active_source)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
