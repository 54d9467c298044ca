// Number of events per PLOVER type, over the whole graph; the same columns as
// sparql/event_types.rq.
MATCH (e:Event)
RETURN e.plover_type AS plover_type, count(e) AS events
