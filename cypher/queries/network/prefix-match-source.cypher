// @name prefix-match-source
// @summary The Source of derived IN_PREFIX links (longest-prefix match), created once
// @param key: String -- PREFIX_MATCH_SOURCE
// @mode WRITE
MERGE (s:Source {key: $key})
ON CREATE SET s.addedAt = datetime(), s.kind = 'analyst', s.name = 'longest-prefix match',
  s.title = 'Derived: each IP linked to the most specific imported prefix that covers it', s.reliability = 100, s.synthetic = false
