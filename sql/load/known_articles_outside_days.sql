-- known_articles_outside_days: ids and text hashes of the articles already loaded, except those published on
-- the given days (a partition being re-run is coded again and replaces itself; an article loaded on another day,
-- or the same text under another id, is not coded twice).
-- Parameters: $days DATE[]  the run's publication dates, e.g. [DATE '2024-07-08'].
SELECT article_id, text_hash
FROM articles
WHERE pub_date IS NULL OR pub_date NOT IN (SELECT unnest($days::DATE[]));
