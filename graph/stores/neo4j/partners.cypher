// Every pair of the rollup that holds $key and a counterpart key starting with $prefix, with the
// pair's packed counts (diplograph.graph.rollup): without a date bound the pair's all-time node
// (its totals, or its series for a CAMEO filter), one row per counterpart; with one, a row per
// month inside the bounds. The same rows as the Oxigraph store's partners.rq; Python
// (diplograph.graph.rollup.partner_counts) unpacks and filters them. pair is the pair's IRI, which
// names its two keys. A key paired with itself is nobody's partner.
//
// Months sort "-" < "YYYY-MM" < "all", and each side of a pair leads an index (key, month,
// other key), so either branch is one seek: the "all" node without bounds, a range of months
// with them.
//
// Parameters: $key (a lookup key) and $prefix ("country:" or "id:"); $since, $until ("YYYY-MM"
// or ""); $level, "totals" or "series" (diplograph.graph.rollup.partner_level: the totals only
// when no date or CAMEO filter needs months or codes).
WITH CASE WHEN $since = '' AND $until = '' THEN 'all' WHEN $since = '' THEN '0' ELSE $since END
       AS low,
     CASE WHEN $since = '' AND $until = '' THEN 'all' WHEN $until = '' THEN '9' ELSE $until END
       AS high
CALL (low, high) {
  MATCH (r:Rollup)
  WHERE r.first = $key AND r.month >= low AND r.month <= high
    AND r.second STARTS WITH $prefix AND r.second <> $key
  RETURN r
  UNION ALL
  MATCH (r:Rollup)
  WHERE r.second = $key AND r.month >= low AND r.month <= high
    AND r.first STARTS WITH $prefix AND r.first <> $key
  RETURN r
}
RETURN split(r.id, '#')[0] AS pair,
       CASE WHEN $level = 'totals' THEN r.totals ELSE r.series END
         AS packed
