// @name indexes-populating
// @summary Indexes not yet online, with how far their population has got (after a bulk load)
// @mode READ
SHOW INDEXES YIELD name, state, populationPercent
WHERE state <> 'ONLINE'
RETURN name, state, populationPercent
ORDER BY name
