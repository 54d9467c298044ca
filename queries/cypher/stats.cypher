// Size of the loaded graph: articles, events, actors, and the span of event dates (ISO strings
// at their own precision, so "2017" sorts before "2017-01-06"); the same columns as
// sparql/stats.rq. An actor counts while some article still names it in an event or as the
// country of an affiliation, as in RDF; a person known only from an affiliation does not.
CALL () { MATCH (a:Article) RETURN count(a) AS articles }
CALL () {
  MATCH (e:Event)
  RETURN count(e) AS events, min(e.date) AS first_date, max(e.date) AS last_date
}
CALL () {
  MATCH (x:Actor)
  WHERE EXISTS { (x)-[:SOURCE_OF]->(:Event) }
     OR EXISTS { (:Event)-[:TARGETS]->(x) }
     OR EXISTS { (:Actor)-[:AFFILIATED_WITH]->(x) }
  RETURN count(x) AS actors
}
RETURN articles, events, actors, first_date, last_date
