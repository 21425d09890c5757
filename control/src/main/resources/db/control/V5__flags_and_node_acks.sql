-- Account flags: one row per flag with its rule as JSON; every change appends an audit row (the
-- store never updates or deletes one) and bumps the one flags version, all in one transaction,
-- so version N is exactly the state after the audit row of version N.
CREATE TABLE flags (
    name       VARCHAR(64) NOT NULL,
    rule       MEDIUMTEXT  NOT NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE flag_changes (
    version    BIGINT        NOT NULL,
    flag       VARCHAR(64)   NOT NULL,
    action     VARCHAR(16)   NOT NULL,
    changed_by VARCHAR(128)  NOT NULL,
    reason     VARCHAR(1024) NOT NULL,
    old_rule   MEDIUMTEXT    NULL,
    new_rule   MEDIUMTEXT    NOT NULL,
    changed_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (version),
    KEY ix_flag_changes_flag (flag, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- one row: the lock every change takes, and the version it bumps
CREATE TABLE flags_version (
    id      TINYINT NOT NULL,
    version BIGINT  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO flags_version (id, version) VALUES (1, 0);

-- "node N evaluates (or routes) by version V of SUBJECT, and says so until LEASE": one notion for
-- the shard maps (subjects read-map, write-map, pool-generation) and the flags (subject flags).
CREATE TABLE node_acks (
    node_id     VARCHAR(128) NOT NULL,
    subject     VARCHAR(32)  NOT NULL,
    version     BIGINT       NOT NULL,
    last_seen   DATETIME(6)  NOT NULL,
    lease_until DATETIME(6)  NOT NULL,
    PRIMARY KEY (node_id, subject)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO node_acks (node_id, subject, version, last_seen, lease_until)
    SELECT node_id, 'read-map', read_version, last_seen, lease_until FROM routing_nodes;
INSERT INTO node_acks (node_id, subject, version, last_seen, lease_until)
    SELECT node_id, 'write-map', write_version, last_seen, lease_until FROM routing_nodes;
INSERT INTO node_acks (node_id, subject, version, last_seen, lease_until)
    SELECT node_id, 'pool-generation', pool_generation, last_seen, lease_until FROM routing_nodes;
DROP TABLE routing_nodes;
