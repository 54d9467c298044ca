// The rollup of the pair of two lookup keys, a row per month: each month's packed series
// (diplograph.graph.rollup), the same lines as the Oxigraph store's timeline.rq. Python
// (diplograph.graph.rollup.month_counts) unpacks and sums them and applies direction and filters.
//
// A busy pair (two large countries over decades) has tens of thousands of cells; a node a
// month, the months of a pair one range of the unique id ("<pair IRI>#<month>", see
// diplograph.graph.stores.neo4j.shape), keeps the question to a few hundred short rows.
//
// Parameters: $dyad_iri (diplograph.graph.lookup.dyad); $since and $until ("YYYY-MM" bounds or
// "" for none; a bound leaves out the events with no month, month "-").
MATCH (r:Rollup)
WHERE r.id STARTS WITH $dyad_iri + '#'
  AND ($since = '' OR (r.month <> '-' AND r.month >= $since))
  AND ($until = '' OR (r.month <> '-' AND r.month <= $until))
RETURN r.series AS series
