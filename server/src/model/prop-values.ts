// Property values the graph stores on nodes and relationships (what Neo4j can hold as a property:
// scalars and homogeneous lists). Plain types, no imports.

export type PropValue = string | number | boolean | string[] | number[] | null;
