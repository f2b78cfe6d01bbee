"""On-demand benchmarks: a generated LegCo-shaped corpus and the SPARQL endpoint against engines."""
