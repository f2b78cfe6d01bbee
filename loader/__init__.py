"""legisgraph loader: LegCo sources → RDF → the store."""

__version__ = "0.1.0"
