// autocannon ships no type declarations; the benchmark uses a handful of its fields.
declare module 'autocannon';
