// Events that pass the filters, as "parts": one part "event" row with the event's own columns,
// one "source" and one "target" row per actor (as the event's article describes it, read from
// the SOURCE_OF/TARGETS relationship), one "context" row per PLOVER context, one "mention" row
// per other sentence of the article that tells the event. The same columns
// and rules as sparql/events.rq; a part row leaves the columns of the other parts null.
//
// Parameters (every one given; '' or false means "no filter"): $actor_key, $counterpart_key
// (lookup keys, see diplograph.graph.lookup; with both, one side matches the actor and the other
// the counterpart), $directed (the actor must be on the source side), $types ('|CONSULT|AID|'),
// $cameo ('|04|1711|': codes or roots, matched as prefixes of 2, 3 or 4 digits), $quad_classes
// ('|1|3|'), $since and $until ('YYYY-MM-DD'; an event counts when its whole date period lies
// inside), $include_all (true keeps negated, future and hypothetical events), $origins
// ('|gdelt1|icews|': the datasets allowed, "extract" for extracted events).
// params: actor_key counterpart_key directed types cameo quad_classes since until include_all origins
//
// With an actor, the candidates are the events of the actors its :LookupKey links to (one index
// seek, as in met.cypher); the filter below then checks each article's own description. Without
// one, every event is a candidate.
CALL () {
  MATCH (:LookupKey {key: $actor_key})<-[:KNOWN_AS]-(:Actor)-[:SOURCE_OF|TARGETS]-(e:Event)
  RETURN e
  UNION
  WITH 1 AS everything
  WHERE $actor_key = ''
  MATCH (e:Event)
  RETURN e
}
WITH e
WHERE ($include_all OR (NOT e.negated AND e.modality IN ['asserted', 'reported']))
  AND ($types = '' OR $types CONTAINS ('|' + e.plover_type + '|'))
  AND ($quad_classes = '' OR $quad_classes CONTAINS ('|' + toString(e.quad_class) + '|'))
  AND ($cameo = '' OR any(n IN [2, 3, 4] WHERE $cameo CONTAINS ('|' + left(e.cameo_code, n) + '|')))
  AND ($since = '' OR e.date + substring('-01-01', size(e.date) - 4) >= $since)
  AND ($until = '' OR e.date + substring('-12-31', size(e.date) - 4) <= $until)
  AND ($origins = '' OR $origins CONTAINS ('|' + coalesce(e.origin, 'extract') + '|'))
  AND ($actor_key = ''
       OR EXISTS {
         MATCH (:Actor)-[rx:SOURCE_OF]->(e)
         WHERE $actor_key IN rx.match_keys
           AND ($counterpart_key = '' OR EXISTS {
             MATCH (e)-[ry:TARGETS]->(:Actor) WHERE $counterpart_key IN ry.match_keys })
       }
       OR (NOT $directed AND EXISTS {
         MATCH (e)-[rx:TARGETS]->(:Actor)
         WHERE $actor_key IN rx.match_keys
           AND ($counterpart_key = '' OR EXISTS {
             MATCH (:Actor)-[ry:SOURCE_OF]->(e) WHERE $counterpart_key IN ry.match_keys })
       })
       // a joint act ("A and B signed", no target) links every two of its sources, both ways
       OR ($counterpart_key <> '' AND NOT EXISTS { MATCH (e)-[:TARGETS]->(:Actor) } AND EXISTS {
         MATCH (x:Actor)-[rx:SOURCE_OF]->(e)<-[ry:SOURCE_OF]-(y:Actor)
         WHERE x <> y AND $actor_key IN rx.match_keys AND $counterpart_key IN ry.match_keys
       }))
CALL (e) {
  MATCH (e)-[:REPORTED_IN]->(article:Article)
  RETURN 'event' AS part, article, null AS actor, null AS described, null AS context,
         null AS mention
  UNION ALL
  MATCH (actor:Actor)-[described:SOURCE_OF]->(e)
  RETURN 'source' AS part, null AS article, actor, described, null AS context,
         null AS mention
  UNION ALL
  MATCH (e)-[described:TARGETS]->(actor:Actor)
  RETURN 'target' AS part, null AS article, actor, described, null AS context,
         null AS mention
  UNION ALL
  UNWIND e.plover_context AS context
  RETURN 'context' AS part, null AS article, null AS actor, null AS described, context,
         null AS mention
  UNION ALL
  UNWIND e.mention_sentences AS mention
  RETURN 'mention' AS part, null AS article, null AS actor, null AS described, null AS context,
         mention
}
WITH part, e, article, actor, described, context, mention,
     CASE part WHEN 'event' THEN e END AS ev
RETURN part, e.id AS event_id,
       article.id AS article_id, article.title AS article_title, article.date AS article_date,
       article.url AS article_url,
       ev.sentence_index AS sentence_index, ev.sentence AS sentence,
       ev.span[0] AS span_start, ev.span[1] AS span_end, ev.trigger AS trigger,
       ev.predicate AS predicate, ev.plover_type AS plover_type, ev.plover_mode AS plover_mode,
       ev.cameo_code AS cameo_code, ev.goldstein AS goldstein, ev.quad_class AS quad_class,
       ev.object AS object, ev.date AS date, ev.date_precision AS date_precision,
       ev.date_basis AS date_basis, ev.story_key AS story_key,
       CASE part WHEN 'event' THEN coalesce(e.origin, 'extract') END AS origin,
       ev.location_name AS location_name, ev.location_country AS location_country,
       ev.negated AS negated, ev.modality AS modality, ev.confidence AS confidence,
       actor.id AS actor_id, described.name AS actor_name, actor.type AS actor_type,
       described.country AS actor_country, context, mention
