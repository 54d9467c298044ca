// Who met an actor: CONSULT events with a matching actor on either side, one row per
// (event, matching actor, counterpart); the same columns and rules as sparql/met.rq.
// Counterparts that match the same key (a KGZ minister when asking about KGZ) are the same
// side, not someone it met, so they are left out.
//
// Lookup keys, names and countries are read from the SOURCE_OF/TARGETS relationships, which
// hold how the event's own article describes each actor (see diplograph.graph.stores.neo4j.shape);
// the :LookupKey node only finds the candidate actors with one index seek.
//
// Parameters: $key (a lookup key, see diplograph.graph.lookup), $since and $until
// ("YYYY-MM-DD" bounds or "" for none; an event counts when its whole date period lies inside:
// a date is padded to its first day for $since and its last day for $until), $include_all
// (true keeps negated, future and hypothetical events).
// params: key since until include_all
MATCH (:LookupKey {key: $key})<-[:KNOWN_AS]-(x:Actor)-[rx:SOURCE_OF|TARGETS]-(e:Event)
WHERE $key IN rx.match_keys
  AND e.plover_type = 'CONSULT'
  AND ($include_all OR (NOT e.negated AND e.modality IN ['asserted', 'reported']))
  AND ($since = '' OR e.date + substring('-01-01', size(e.date) - 4) >= $since)
  AND ($until = '' OR e.date + substring('-12-31', size(e.date) - 4) <= $until)
MATCH (b:Actor)-[rb:SOURCE_OF|TARGETS]-(e)
WHERE b <> x AND NOT $key IN rb.match_keys
MATCH (e)-[:REPORTED_IN]->(article:Article)
RETURN DISTINCT
  e.id AS event_id, article.id AS article_id, e.date AS date,
  e.location_name AS place, e.location_country AS place_country,
  x.id AS actor_id, rx.name AS actor_name,
  CASE type(rx) WHEN 'SOURCE_OF' THEN 'source' ELSE 'target' END AS direction,
  b.id AS counterpart_id, rb.name AS counterpart_name, rb.country AS counterpart_country,
  e.cameo_code AS cameo_code, e.modality AS modality, e.negated AS negated,
  e.sentence AS sentence
