// The actors one actor is linked to by events, one row per (event, neighbour): the step of the
// `path` question's breadth-first search. Same columns, rows and rules as sparql/neighbours.rq:
// direction "out" (the actor a source, the neighbour a target), "in" (the reverse) or "joint"
// (both sources of an event with no target); an actor is never its own neighbour. Names are
// read from the SOURCE_OF/TARGETS relationships: how the event's own article names each actor.
//
// Parameters: $actor_id; the event filters of cypher/events.cypher ($types, $cameo,
// $quad_classes, $since, $until, $include_all), '' or false meaning "no filter".
// params: actor_id types cameo quad_classes since until include_all
MATCH (x:Actor {id: $actor_id})-[rx:SOURCE_OF|TARGETS]-(e:Event)
WHERE ($include_all OR (NOT e.negated AND e.modality IN ['asserted', 'reported']))
  AND ($types = '' OR $types CONTAINS ('|' + e.plover_type + '|'))
  AND ($quad_classes = '' OR $quad_classes CONTAINS ('|' + toString(e.quad_class) + '|'))
  AND ($cameo = '' OR any(n IN [2, 3, 4] WHERE $cameo CONTAINS ('|' + left(e.cameo_code, n) + '|')))
  AND ($since = '' OR e.date + substring('-01-01', size(e.date) - 4) >= $since)
  AND ($until = '' OR e.date + substring('-12-31', size(e.date) - 4) <= $until)
MATCH (y:Actor)-[ry:SOURCE_OF|TARGETS]-(e)
WHERE y <> x
  AND (type(rx) <> type(ry)
       OR (type(rx) = 'SOURCE_OF' AND NOT EXISTS { MATCH (e)-[:TARGETS]->(:Actor) }))
MATCH (e)-[:REPORTED_IN]->(article:Article)
RETURN DISTINCT
  e.id AS event_id,
  CASE WHEN type(rx) = type(ry) THEN 'joint'
       WHEN type(rx) = 'SOURCE_OF' THEN 'out' ELSE 'in' END AS direction,
  rx.name AS actor_name, y.id AS neighbour_id, ry.name AS neighbour_name,
  e.date AS date, e.plover_type AS plover_type, e.cameo_code AS cameo_code,
  e.predicate AS predicate, article.id AS article_id, e.sentence AS sentence
