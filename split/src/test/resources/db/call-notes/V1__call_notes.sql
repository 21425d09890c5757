-- A keyed table beside the record schema, which the split has never heard of: declared in the
-- test's KeyedTables, it must be copied, checked and deleted like calls and messages.
CREATE TABLE call_notes (
    id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    account_sid CHAR(34)        NOT NULL,
    shard_key   BIGINT UNSIGNED NOT NULL,
    note        VARCHAR(200)    NOT NULL,
    PRIMARY KEY (id),
    KEY ix_call_notes_shard_key (shard_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
