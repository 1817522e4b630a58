-- delete_stale_rejects: remove the rejects an inbox no longer gives, so that `rejects` follows the inbox (a
-- line completed, corrected or moved into range loads and its old reject goes; nothing is ever left behind).
-- Reader rejects (every reason but the coding stage's) of a file read whole by this load are replaced by the
-- ones it found now; a coding-stage reject (coding_error, conflicting_id) goes once its article loads.
-- Rejects of files no longer in the inbox stay: the quarantine keeps its history.
-- Expects a relation `new_rejects` registered by the caller with the columns of the `rejects` table.
-- Parameters: $files VARCHAR[]  input files read whole by this load (rejects.source_file values);
--             $article_ids VARCHAR[]  ids of the articles this load writes.
DELETE FROM rejects
WHERE reject_id NOT IN (SELECT reject_id FROM new_rejects)
  AND ((reason NOT IN ('coding_error', 'conflicting_id')
        AND source_file IN (SELECT unnest($files::VARCHAR[])))
    OR (reason IN ('coding_error', 'conflicting_id')
        AND article_id IN (SELECT unnest($article_ids::VARCHAR[]))));
