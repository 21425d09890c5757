-- The rollout from the legacy shape to the services, persisted phase by phase so that a crashed
-- run resumes where it stopped. active is 1 while a rollout is unfinished and NULL once it is done
-- or aborted, so that no second rollout can start beside an unfinished one.
CREATE TABLE rollouts (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    phase         VARCHAR(32)  NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    outputs       MEDIUMTEXT   NOT NULL,
    owner         VARCHAR(128) NULL,
    heartbeat     DATETIME(6)  NULL,
    last_error    TEXT         NULL,
    created_at    DATETIME(6)  NOT NULL,
    updated_at    DATETIME(6)  NOT NULL,
    active        TINYINT AS (IF(state IN ('DONE', 'ABORTED'), NULL, 1)) PERSISTENT,
    PRIMARY KEY (id),
    UNIQUE KEY uk_rollout_active (active)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
