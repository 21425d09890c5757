-- The relay's workers split the outbox between them by bucket, a stable hash of the SID: each
-- worker owns a range of buckets, so an entry is only ever handled by one of them. Computed by
-- the server, so no writer can get it wrong, and fixed at 1024, so the number of workers can
-- change from one start to the next without moving an entry's bucket. RTRIM because a CHAR
-- column reads differently under PAD_CHAR_TO_FULL_LENGTH, so the server refuses it bare in a
-- stored column; a SID has no trailing spaces, so it changes nothing.
ALTER TABLE handoff_outbox
    ADD COLUMN bucket SMALLINT UNSIGNED AS (CRC32(RTRIM(sid)) % 1024) PERSISTENT,
    ADD KEY ix_outbox_bucket (bucket);
