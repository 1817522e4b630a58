-- gdelt_mentions: `event_mentions` under the 16 column names of GDELT 2.0's Mentions table, in GDELT's order
-- (GLOBALEVENTID ... Extras) and types, one row per mention, so GDELT tooling and queries can read it unchanged.
-- GLOBALEVENTID joins gdelt_events. Derived columns:
--   EventTimeDate   = when the event was first seen (events.date_added, UTC) as the integer YYYYMMDDHHMMSS,
--                     GDELT's DATEADDED of the event;
--   MentionTimeDate = when this mention was loaded (event_mentions.date_added, UTC), same format;
--   MentionType     = 1 (WEB) when the article has a URL, else 2 (CITATIONONLY);
--   MentionSourceName = the URL's host without "www." (GDELT: the web domain), else the article's source_name;
--   MentionIdentifier = the URL, else the article_id (the key of `articles`);
--   SentenceID      = sentence_index + 1 (GDELT counts sentences from 1);
--   InRawText       = 1 when both actors are written in the mention's sentence, 0 when one was found elsewhere
--                     in the article (a pronoun resolved, a partner named earlier);
--   Confidence      = confidence as a percentage (0-100), NULL when not recorded;
--   MentionDocLen   = length in characters of the article's normalised text (the offsets refer to it);
--   MentionDocTone  = avg_tone (NULL: the coder computes no tone);
--   MentionDocTranslationInfo = 'srclc:fra' for French articles (coded in French, never machine-translated);
--   Extras          = NULL (reserved by GDELT).
-- Parameters: none.
CREATE OR REPLACE VIEW gdelt_mentions AS
SELECT
    m.global_event_id                                                          AS GLOBALEVENTID,
    strftime(e.date_added, '%Y%m%d%H%M%S')::BIGINT                             AS EventTimeDate,
    strftime(m.date_added, '%Y%m%d%H%M%S')::BIGINT                             AS MentionTimeDate,
    CASE WHEN nullif(m.source_url, '') IS NULL THEN 2 ELSE 1 END::INTEGER      AS MentionType,
    coalesce(nullif(regexp_extract(lower(m.source_url), '^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)', 1), ''),
             m.source_name)                                                    AS MentionSourceName,
    coalesce(nullif(m.source_url, ''), m.article_id)                           AS MentionIdentifier,
    (m.sentence_index + 1)::INTEGER                                            AS SentenceID,
    m.actor1_char_offset                                                       AS Actor1CharOffset,
    m.actor2_char_offset                                                       AS Actor2CharOffset,
    m.action_char_offset                                                       AS ActionCharOffset,
    (coalesce(contains(m.sentence, m.actor1_text), false)
     AND coalesce(contains(m.sentence, m.actor2_text), false))::INTEGER        AS InRawText,
    round(m.confidence * 100)::INTEGER                                         AS Confidence,
    length(a.text)::INTEGER                                                    AS MentionDocLen,
    m.avg_tone                                                                 AS MentionDocTone,
    CASE WHEN a.lang = 'fr' THEN 'srclc:fra' END::VARCHAR                      AS MentionDocTranslationInfo,
    NULL::VARCHAR                                                              AS Extras
FROM event_mentions AS m
LEFT JOIN events AS e USING (global_event_id)
LEFT JOIN articles AS a ON a.article_id = m.article_id;
