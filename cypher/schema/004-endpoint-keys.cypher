// @name 004-endpoint-keys
// @summary Uniqueness of the endpoint node keys (Process from Sysmon, Vpc and CloudInstance from Route 53 Resolver logs)
// @mode WRITE
CREATE CONSTRAINT process_key IF NOT EXISTS FOR (n:Process) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT vpc_key IF NOT EXISTS FOR (n:Vpc) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT cloud_instance_key IF NOT EXISTS FOR (n:CloudInstance) REQUIRE n.key IS UNIQUE;
