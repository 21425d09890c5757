-- Routing of the post-flight store: the physical shards, the versioned read and write maps
-- (every version kept: the history is the audit trail of splits), the generation that tells
-- nodes to recycle their shard connections, and what each routing node acknowledged.
CREATE TABLE shards (
    name          VARCHAR(64)  NOT NULL,
    host          VARCHAR(255) NOT NULL,
    port          INT          NOT NULL,
    database_name VARCHAR(64)  NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE shard_maps (
    kind       VARCHAR(8)   NOT NULL,
    version    INT          NOT NULL,
    entries    MEDIUMTEXT   NOT NULL,
    note       VARCHAR(255) NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (kind, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- one row: the lock every publication takes, and the pool generation
CREATE TABLE routing_epoch (
    id              TINYINT NOT NULL,
    pool_generation INT     NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
INSERT INTO routing_epoch (id, pool_generation) VALUES (1, 1);

CREATE TABLE routing_nodes (
    node_id         VARCHAR(128) NOT NULL,
    read_version    INT          NOT NULL,
    write_version   INT          NOT NULL,
    pool_generation INT          NOT NULL,
    last_seen       DATETIME(6)  NOT NULL,
    lease_until     DATETIME(6)  NOT NULL,
    PRIMARY KEY (node_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
