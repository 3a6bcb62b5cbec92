// The rollup's SQL: static statements with bound parameters only. Each recomputes one range
// [start, end) at one grain from the raw events; the caller deletes the range's rows first, in
// the same transaction, so a run repeated gives the same rows.
//
// Bindings, in order, are given next to each statement.

const ID = "'arl_' || replace(gen_random_uuid()::text, '-', '')"
const RAW = "jsonb_build_object('value', v.value::text, 'precision', 20)"

/**
 * One row per session that began in [start, end): when it began and which steps it took.
 * Only events from a day before to a day after the range are read (a session lasts at most a
 * day), through the occurred_at index, whatever the size of the table.
 * Bindings: start, end, start, end, start, end.
 */
export const SESSIONS_OF_RANGE = `
CREATE TEMP TABLE keel_rollup_sessions ON COMMIT DROP AS
SELECT started, viewed, added, checkout, shipping, payment, ordered, searched
FROM (
  SELECT e.session_id,
         min(e.occurred_at) AS started,
         bool_or(e.name = 'Product Viewed') AS viewed,
         bool_or(e.name = 'Product Added') AS added,
         bool_or(e.name = 'Checkout Started') AS checkout,
         bool_or(e.name = 'Checkout Step Completed' AND e.properties->>'step' = 'shipping') AS shipping,
         bool_or((e.name = 'Checkout Step Completed' AND e.properties->>'step' = 'payment') OR e.name = 'Payment Info Entered') AS payment,
         bool_or(e.name = 'Order Completed') AS ordered,
         bool_or(e.name = 'Products Searched') AS searched
  FROM keel_analytics_event e
  WHERE e.occurred_at >= ?::timestamptz - interval '1 day' AND e.occurred_at < ?::timestamptz + interval '1 day'
    AND e.session_id IS NOT NULL AND e.deleted_at IS NULL
  GROUP BY e.session_id
) per_session
WHERE started >= ? AND started < ?
`

/**
 * Session metrics from keel_rollup_sessions, each session counted once, in the bucket of its
 * first event. Bindings: grain, grain.
 */
export const SESSION_ROLLUP = `
INSERT INTO keel_analytics_rollup (id, grain, bucket, metric, key, value, raw_value)
SELECT ${ID}, ?::text, s.bucket, v.metric, '', v.value, ${RAW}
FROM (
  SELECT date_trunc(?::text, started) AS bucket,
         count(*) AS sessions,
         count(*) FILTER (WHERE ordered) AS sessions_with_order,
         count(*) FILTER (WHERE viewed) AS funnel_view,
         count(*) FILTER (WHERE added) AS funnel_add,
         count(*) FILTER (WHERE checkout) AS funnel_checkout,
         count(*) FILTER (WHERE shipping) AS funnel_shipping,
         count(*) FILTER (WHERE payment) AS funnel_payment,
         count(*) FILTER (WHERE ordered) AS funnel_order,
         count(*) FILTER (WHERE payment AND NOT ordered) AS payment_abandoned,
         count(*) FILTER (WHERE searched) AS search_sessions,
         count(*) FILTER (WHERE searched AND ordered) AS search_sessions_with_order
  FROM keel_rollup_sessions
  GROUP BY 1
) s
CROSS JOIN LATERAL (VALUES
  ('sessions', s.sessions), ('sessions_with_order', s.sessions_with_order),
  ('funnel_view', s.funnel_view), ('funnel_add', s.funnel_add), ('funnel_checkout', s.funnel_checkout),
  ('funnel_shipping', s.funnel_shipping), ('funnel_payment', s.funnel_payment), ('funnel_order', s.funnel_order),
  ('payment_abandoned', s.payment_abandoned),
  ('search_sessions', s.search_sessions), ('search_sessions_with_order', s.search_sessions_with_order)
) AS v(metric, value)
`

/**
 * Event metrics in the bucket each event happened in, some per key: orders and revenue per
 * currency, refunds, searches and zero-result searches, zero-result queries, product views,
 * adds and units ordered per product, orders from new and returning customers.
 * Bindings: grain, grain, start, end.
 */
export const EVENT_ROLLUP = `
INSERT INTO keel_analytics_rollup (id, grain, bucket, metric, key, value, raw_value)
SELECT ${ID}, ?::text, v.bucket, v.metric, v.key, sum(v.value), jsonb_build_object('value', sum(v.value)::text, 'precision', 20)
FROM (
  SELECT date_trunc(?::text, e.occurred_at) AS bucket, m.metric, m.key, m.value
  FROM keel_analytics_event e
  CROSS JOIN LATERAL (
    SELECT 'orders' AS metric, lower(coalesce(e.properties->>'currency', '')) AS key, 1::numeric AS value WHERE e.name = 'Order Completed'
    UNION ALL SELECT 'revenue', lower(coalesce(e.properties->>'currency', '')), coalesce((e.properties->>'total')::numeric, 0) WHERE e.name = 'Order Completed'
    UNION ALL SELECT 'refunds', lower(coalesce(e.properties->>'currency', '')), 1 WHERE e.name = 'Order Refunded'
    UNION ALL SELECT 'refunded', lower(coalesce(e.properties->>'currency', '')), coalesce((e.properties->>'total')::numeric, 0) WHERE e.name = 'Order Refunded'
    UNION ALL SELECT 'searches', '', 1 WHERE e.name = 'Products Searched'
    UNION ALL SELECT 'zero_result_searches', '', 1 WHERE e.name = 'Products Searched' AND coalesce((e.properties->>'results')::int, 0) = 0
    UNION ALL SELECT 'zero_result_query', left(lower(coalesce(e.properties->>'query', '')), 200), 1 WHERE e.name = 'Products Searched' AND coalesce((e.properties->>'results')::int, 0) = 0
    UNION ALL SELECT 'product_views', e.properties->>'product_id', 1 WHERE e.name = 'Product Viewed' AND e.properties->>'product_id' IS NOT NULL
    UNION ALL SELECT 'product_adds', e.properties->>'product_id', 1 WHERE e.name = 'Product Added' AND e.properties->>'product_id' IS NOT NULL
    UNION ALL SELECT 'product_units', p->>'product_id', coalesce((p->>'quantity')::numeric, 1)
      FROM jsonb_array_elements(CASE WHEN e.name = 'Order Completed' AND jsonb_typeof(e.properties->'products') = 'array' THEN e.properties->'products' ELSE '[]'::jsonb END) AS p
      WHERE p->>'product_id' IS NOT NULL
    UNION ALL SELECT CASE WHEN EXISTS (
        SELECT 1 FROM keel_analytics_event f
        WHERE f.name = 'Order Completed' AND f.customer_id = e.customer_id AND f.deleted_at IS NULL
          AND (f.occurred_at, f.id) < (e.occurred_at, e.id)
      ) THEN 'orders_returning' ELSE 'orders_new' END, '', 1
      WHERE e.name = 'Order Completed' AND e.customer_id IS NOT NULL
  ) m
  WHERE e.occurred_at >= ? AND e.occurred_at < ? AND e.deleted_at IS NULL
) v
GROUP BY v.bucket, v.metric, v.key
`

/**
 * Monthly cohorts: for each month of activity, the customers who ordered in it, counted by
 * the month of their first order (the key, YYYY-MM).
 * Bindings: start, end.
 */
export const COHORT_ROLLUP = `
INSERT INTO keel_analytics_rollup (id, grain, bucket, metric, key, value, raw_value)
SELECT ${ID}, 'month', c.bucket, 'cohort_customers', c.cohort, c.customers, jsonb_build_object('value', c.customers::text, 'precision', 20)
FROM (
  SELECT date_trunc('month', o.occurred_at) AS bucket, to_char(f.first_order, 'YYYY-MM') AS cohort, count(DISTINCT o.customer_id) AS customers
  FROM keel_analytics_event o
  JOIN (
    SELECT customer_id, date_trunc('month', min(occurred_at)) AS first_order
    FROM keel_analytics_event
    WHERE name = 'Order Completed' AND customer_id IS NOT NULL AND deleted_at IS NULL
    GROUP BY customer_id
  ) f ON f.customer_id = o.customer_id
  WHERE o.name = 'Order Completed' AND o.deleted_at IS NULL AND o.occurred_at >= ? AND o.occurred_at < ?
  GROUP BY 1, 2
) c
`

/**
 * The days whose numbers events received after the watermark change: the days they happened
 * on, and the days their sessions began (a late event of yesterday's session changes
 * yesterday's funnel), each session's beginning looked up through the session index. Only
 * days from the late window's start on.
 * Bindings: watermark, window start.
 */
export const TOUCHED_DAYS = `
WITH fresh AS MATERIALIZED (
  SELECT DISTINCT session_id, date_trunc('day', occurred_at) AS d
  FROM keel_analytics_event WHERE received_at > ? AND deleted_at IS NULL
)
SELECT DISTINCT d AS day FROM (
  SELECT d FROM fresh
  UNION
  SELECT (SELECT date_trunc('day', min(e.occurred_at)) FROM keel_analytics_event e WHERE e.session_id = f.session_id AND e.deleted_at IS NULL)
  FROM (SELECT DISTINCT session_id FROM fresh WHERE session_id IS NOT NULL) f
) days
WHERE d >= ?
ORDER BY 1
`
