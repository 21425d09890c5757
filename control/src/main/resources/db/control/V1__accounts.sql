-- Accounts: the tenants of the public API. The auth token is stored only as its SHA-256: tokens
-- are 128 random bits, so a fast hash is as strong as a slow one and keeps each request cheap.
CREATE TABLE accounts (
    sid             CHAR(34)     NOT NULL,
    friendly_name   VARCHAR(64)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    auth_token_hash CHAR(64)     NOT NULL,
    date_created    DATETIME(6)  NOT NULL,
    date_updated    DATETIME(6)  NOT NULL,
    PRIMARY KEY (sid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
