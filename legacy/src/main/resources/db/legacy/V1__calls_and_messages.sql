-- The legacy shape: one database holds every call and message, in-flight and finished rows in
-- the same tables, read and written directly by the API, billing and the events endpoint. The
-- rows are those of the record schema without its shard key, so that the rollout can turn this
-- database into post-flight shard0 by adding and backfilling that one column online.

CREATE TABLE calls (
    id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    sid              CHAR(34)        NOT NULL,
    account_sid      CHAR(34)        NOT NULL,
    parent_call_sid  CHAR(34)        NULL,
    to_number        VARCHAR(64)     NOT NULL,
    from_number      VARCHAR(64)     NOT NULL,
    to_formatted     VARCHAR(64)     NULL,
    from_formatted   VARCHAR(64)     NULL,
    phone_number_sid CHAR(34)        NULL,
    status           VARCHAR(16)     NOT NULL,
    direction        VARCHAR(16)     NOT NULL,
    answered_by      VARCHAR(32)     NULL,
    caller_name      VARCHAR(64)     NULL,
    forwarded_from   VARCHAR(64)     NULL,
    start_time       DATETIME(6)     NULL,
    end_time         DATETIME(6)     NULL,
    duration         INT UNSIGNED    NULL,
    price            DECIMAL(12, 5)  NULL,
    price_unit       CHAR(3)         NULL,
    queue_time       BIGINT UNSIGNED NULL,
    trunk_sid        CHAR(34)        NULL,
    group_sid        CHAR(34)        NULL,
    date_created     DATETIME(6)     NOT NULL,
    date_updated     DATETIME(6)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_calls_sid (sid),
    KEY ix_calls_account_created (account_sid, date_created, sid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE messages (
    id                    BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    sid                   CHAR(34)        NOT NULL,
    account_sid           CHAR(34)        NOT NULL,
    to_number             VARCHAR(64)     NOT NULL,
    from_number           VARCHAR(64)     NOT NULL,
    body                  TEXT            NOT NULL,
    num_segments          INT UNSIGNED    NOT NULL,
    num_media             INT UNSIGNED    NOT NULL,
    status                VARCHAR(16)     NOT NULL,
    direction             VARCHAR(16)     NOT NULL,
    messaging_service_sid CHAR(34)        NULL,
    error_code            INT             NULL,
    error_message         VARCHAR(255)    NULL,
    price                 DECIMAL(12, 5)  NULL,
    price_unit            CHAR(3)         NULL,
    date_created          DATETIME(6)     NOT NULL,
    date_updated          DATETIME(6)     NOT NULL,
    date_sent             DATETIME(6)     NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_messages_sid (sid),
    KEY ix_messages_account_created (account_sid, date_created, sid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
