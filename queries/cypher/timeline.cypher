// Monthly counts of events between the actors behind two lookup keys, split by PLOVER type and
// QuadClass, with the Goldstein sum; the same columns as sparql/timeline.rq, pivoted in Python.
// An event is counted once however many of its actors match (UNION keeps distinct events).
// Events without a month (undated, or dated to the year only) come back with month null.
//
// Parameters: $a_key, $b_key (see diplograph.graph.lookup); $directed (false also counts
// b -> a); $since and $until ("YYYY-MM" bounds or "" for none); $include_all (true keeps
// negated, future and hypothetical events).
// params: a_key b_key directed since until include_all
CALL () {
  MATCH (:LookupKey {key: $a_key})<-[:KNOWN_AS]-(:Actor)-[ra:SOURCE_OF]->(e:Event)
        -[rb:TARGETS]->(:Actor)
  WHERE $a_key IN ra.match_keys AND $b_key IN rb.match_keys
  RETURN e
  UNION
  MATCH (:LookupKey {key: $a_key})<-[:KNOWN_AS]-(:Actor)<-[ra:TARGETS]-(e:Event)
        <-[rb:SOURCE_OF]-(:Actor)
  WHERE NOT $directed AND $a_key IN ra.match_keys AND $b_key IN rb.match_keys
  RETURN e
  UNION
  // a joint act ("A and B signed", no target) runs both ways between every two of its sources
  MATCH (:LookupKey {key: $a_key})<-[:KNOWN_AS]-(:Actor)-[ra:SOURCE_OF]->(e:Event)
        <-[rb:SOURCE_OF]-(:Actor)
  WHERE $a_key IN ra.match_keys AND $b_key IN rb.match_keys
    AND NOT EXISTS { MATCH (e)-[:TARGETS]->(:Actor) }
  RETURN e
}
WITH e
WHERE ($include_all OR (NOT e.negated AND e.modality IN ['asserted', 'reported']))
  AND ($since = '' OR e.month >= $since)
  AND ($until = '' OR e.month <= $until)
RETURN e.month AS month, e.plover_type AS plover_type, e.quad_class AS quad_class,
       count(e) AS events, sum(e.goldstein) AS goldstein_sum
