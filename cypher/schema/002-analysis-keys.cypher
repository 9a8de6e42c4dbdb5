// @name 002-analysis-keys
// @summary Keys of the analysis layer (claims, hypotheses, evidence, timeline events, notes) and of the import bookkeeping
// @mode WRITE
CREATE CONSTRAINT claim_key IF NOT EXISTS FOR (n:Claim) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT hypothesis_key IF NOT EXISTS FOR (n:Hypothesis) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT evidence_key IF NOT EXISTS FOR (n:Evidence) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT event_key IF NOT EXISTS FOR (n:Event) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT case_key IF NOT EXISTS FOR (n:Case) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT note_key IF NOT EXISTS FOR (n:Note) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT import_ledger_key IF NOT EXISTS FOR (n:ImportLedger) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT import_batch_key IF NOT EXISTS FOR (n:ImportBatch) REQUIRE n.key IS UNIQUE;
