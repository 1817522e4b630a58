-- rebuild_events: rebuild the deduplicated `events` table from `event_mentions` (full refresh).
-- One row per global_event_id. Its columns (sentence, trigger, confidence, rule_id and the others) are those of
-- a representative mention: the highest confidence, ties broken by smallest article_id, then sentence_index,
-- then action_char_offset (deterministic). Over all mentions of the event:
--   num_mentions  = number of mention rows
--   num_articles  = count(DISTINCT article_id)
--   num_sources   = count(DISTINCT coalesce(source_name, article_id))  (an article without a source counts as one)
--   is_root_event = bool_or(is_root_event)   (some article reported it in its lead)
--   avg_tone      = avg(avg_tone)            (GDELT: average tone of the reporting documents; NULL if none)
--   date_added    = min(date_added)          (when the event was first seen)
-- Runs as one script of two statements; the caller wraps it in a transaction so readers never see an empty
-- `events` table, e.g. con.execute("BEGIN"); con.execute(sql); con.execute("COMMIT").
-- Parameters: none.
DELETE FROM events;

INSERT INTO events BY NAME
WITH totals AS (
    SELECT
        global_event_id,
        count(*)::INTEGER                                       AS num_mentions,
        count(DISTINCT article_id)::INTEGER                     AS num_articles,
        count(DISTINCT coalesce(source_name, article_id))::INTEGER AS num_sources,
        bool_or(is_root_event)                                  AS is_root_event,
        avg(avg_tone)                                           AS avg_tone,
        min(date_added)                                         AS date_added
    FROM event_mentions
    GROUP BY global_event_id
),
representative AS (
    SELECT *
    FROM event_mentions
    QUALIFY row_number() OVER (
        PARTITION BY global_event_id
        ORDER BY confidence DESC NULLS LAST, article_id, sentence_index, action_char_offset
    ) = 1
)
SELECT
    representative.* REPLACE (
        totals.num_mentions  AS num_mentions,
        totals.num_articles  AS num_articles,
        totals.num_sources   AS num_sources,
        totals.is_root_event AS is_root_event,
        totals.avg_tone      AS avg_tone,
        totals.date_added    AS date_added
    )
FROM representative
JOIN totals USING (global_event_id)
ORDER BY global_event_id;
