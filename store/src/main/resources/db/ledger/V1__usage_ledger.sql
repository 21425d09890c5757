-- What billing needs of a finished record that was deleted: deleting a record's log must not
-- change what the account is billed. A row is written in the delete's own transaction, on the
-- record's shard, once per SID; billing sums the records left and these rows. The table is keyed
-- by shard_key like the record tables, so an online split moves it with its key range.
-- Its own set of scripts (and history table), applied to every post-flight shard and to the
-- legacy database alike, so that the legacy database has it already when it becomes shard0.

CREATE TABLE usage_ledger (
    id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    sid          CHAR(34)        NOT NULL,
    account_sid  CHAR(34)        NOT NULL,
    shard_key    BIGINT UNSIGNED NOT NULL,
    kind         VARCHAR(8)      NOT NULL,
    date_created DATETIME(6)     NOT NULL,
    units        BIGINT UNSIGNED NOT NULL,
    price        DECIMAL(12, 5)  NULL,
    price_unit   CHAR(3)         NULL,
    deleted_at   DATETIME(6)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_usage_ledger_sid (sid),
    KEY ix_usage_ledger_account_kind_created (account_sid, kind, date_created),
    KEY ix_usage_ledger_shard_key (shard_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
