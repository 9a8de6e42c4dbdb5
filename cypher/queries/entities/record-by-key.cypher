// @name record-by-key
// @summary An analysis record (Evidence, Claim, Event, Hypothesis) by its key <kind>:<case>:<id>; each label is one index seek
// @param key: String -- record key
// @mode READ
CALL () {
  MATCH (n:Evidence {key: $key}) RETURN n
  UNION
  MATCH (n:Claim {key: $key}) RETURN n
  UNION
  MATCH (n:Event {key: $key}) RETURN n
  UNION
  MATCH (n:Hypothesis {key: $key}) RETURN n
}
RETURN n
LIMIT 1
