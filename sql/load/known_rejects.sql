-- known_rejects: which of the given rejects are already recorded (a reject seen again replaces its row, so a
-- load reports only the others as new).
-- Parameters: $ids VARCHAR[]  rejects.reject_id values, e.g. ['0a1b2c3d4e5f60718293'].
SELECT reject_id FROM rejects WHERE reject_id IN (SELECT unnest($ids::VARCHAR[]));
