-- The key ranges a shard has given away, recorded on the shard itself by the online split when
-- writes move (ShardFence): a routing node that missed the move, cut off from the control store,
-- can neither write nor read there a range its stale map still sends to it. The rows replicate to
-- the split's target with everything else, so each names the shard that gave the range away.
CREATE TABLE moved_ranges (
    shard       VARCHAR(64)     NOT NULL,
    range_start BIGINT UNSIGNED NOT NULL,
    range_end   BIGINT UNSIGNED NOT NULL,
    moved_at    DATETIME(6)     NOT NULL,
    PRIMARY KEY (shard, range_start, range_end)
) ENGINE = InnoDB;

-- One row that every write locks in share mode and a move locks exclusively: a move waits for the
-- writes under way, and no write checks the ranges before a move and commits after it.
CREATE TABLE moved_ranges_guard (
    id TINYINT UNSIGNED NOT NULL PRIMARY KEY
) ENGINE = InnoDB;

INSERT INTO moved_ranges_guard (id) VALUES (1);
