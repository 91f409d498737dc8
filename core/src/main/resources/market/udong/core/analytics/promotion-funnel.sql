-- Promotion funnel per day: members who viewed a promotion page, and how many of them bought
-- afterwards on the same day (a purchase at or after their first promotion view).
WITH views AS (
  SELECT dt, member_id, MIN(occurred_at) AS first_view
  FROM events.app_events
  WHERE event_type = 'page_view' AND page LIKE 'promotion/%' AND member_id IS NOT NULL
  GROUP BY dt, member_id
),
purchases AS (
  SELECT dt, member_id, MAX(occurred_at) AS last_purchase
  FROM events.app_events
  WHERE event_type = 'purchase' AND member_id IS NOT NULL
  GROUP BY dt, member_id
)
SELECT v.dt AS day,
       COUNT(*) AS viewers,
       COUNT(p.member_id) AS buyers,
       ROUND(CAST(COUNT(p.member_id) AS DOUBLE) / COUNT(*), 4) AS conversion
FROM views v
LEFT JOIN purchases p
  ON p.dt = v.dt AND p.member_id = v.member_id AND p.last_purchase >= v.first_view
GROUP BY v.dt
ORDER BY v.dt
