// @name timeline-of-events
// @summary What happened when: the case's events in date order, with precision, confidence and source?
// Dates keep their precision (a "2016-03" event is some time in March, stored as March 1st).
// `involves` lists the entities, claims and hypotheses the event is tied to.
// @param from: DateTime = null
// @param to: DateTime = null
// @param limit: Integer = 100
// @mode READ
// @example limit=100
// @expect rows >= 10
// @expect column id contains "ev-2009-setup"
MATCH (ev:Event)
WHERE ($from IS NULL OR ev.date >= datetime($from)) AND ($to IS NULL OR ev.date < datetime($to))
OPTIONAL MATCH (ev)-[:CITES]->(s:Source)
OPTIONAL MATCH (ev)-[:INVOLVES]->(x)
WITH ev, s, x ORDER BY labels(x)[0], coalesce(x.id, x.key)
WITH ev, s, collect(DISTINCT labels(x)[0] + ':' + coalesce(x.id, x.key)) AS involves
RETURN ev.date AS date, ev.precision AS precision, ev.title AS event, ev.confidence AS confidence,
       s.key AS source, s.reliability AS sourceReliability, involves, ev.id AS id
ORDER BY date, id
LIMIT $limit
