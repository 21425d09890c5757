-- What the in-flight store needs on top of the shared record schema to hand records off.

-- One entry per record that reached a post-flight status, written in the same transaction as
-- that status. The relay inserts the record into post-flight, then deletes the record and its
-- entry together; an entry therefore exists exactly as long as its record awaits handoff.
-- A post-flight status is final, so a record is queued at most once (uk_outbox_sid).
CREATE TABLE handoff_outbox (
    id        BIGINT UNSIGNED         NOT NULL AUTO_INCREMENT,
    kind      ENUM ('call', 'message') NOT NULL,
    sid       CHAR(34)                NOT NULL,
    queued_at DATETIME(6)             NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_outbox_sid (sid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Tombstones of handed-off records, so a late duplicate status event is recognised (same
-- status: a no-op; another status: refused) instead of being NOT_FOUND. Pruned after a retention
-- period, by finished_at.
CREATE TABLE finished (
    sid         CHAR(34)    NOT NULL,
    status      VARCHAR(16) NOT NULL,
    finished_at DATETIME(6) NOT NULL,
    PRIMARY KEY (sid),
    KEY ix_finished_at (finished_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The sweeper looks for records that have sat in one status since before a cutoff.
CREATE INDEX ix_calls_status_updated ON calls (status, date_updated);
CREATE INDEX ix_messages_status_updated ON messages (status, date_updated);
