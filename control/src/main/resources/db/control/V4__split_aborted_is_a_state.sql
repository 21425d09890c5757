-- "aborted" is a state, not a step: an aborted split keeps the step it was aborted at. Rows saved
-- before stored step ABORTED; they get the step their abort message names ("aborted by the
-- operator at MOVE_READS"), or the first step when it names none. Only steps up to MOVE_WRITES
-- can be aborted.
UPDATE split_workflows
SET step = IF(SUBSTRING_INDEX(last_error, ' at ', -1)
                  IN ('CLONE_TARGET', 'WAIT_FOR_CATCH_UP', 'VERIFY_COPY', 'MOVE_READS', 'SPLIT_SEQUENCES', 'MOVE_WRITES'),
              SUBSTRING_INDEX(last_error, ' at ', -1), 'CLONE_TARGET')
WHERE step = 'ABORTED';
