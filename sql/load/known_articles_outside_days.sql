-- known_articles_outside_days: ids and text hashes of the articles already loaded, except those of the given
-- days (partition_date: the publication date, else the day an undated article's file arrived) (a partition being re-run is coded again and replaces itself; an article loaded on another day,
-- or the same text under another id, is not coded twice).
-- Parameters: $days DATE[]  the run's partition days, e.g. [DATE '2024-07-08'].
SELECT article_id, text_hash
FROM articles
WHERE coalesce(partition_date, pub_date) IS NULL
   OR coalesce(partition_date, pub_date) NOT IN (SELECT unnest($days::DATE[]));
