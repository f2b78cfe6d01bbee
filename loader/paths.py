"""Where the project's data folders are: the one place that knows the checkout layout."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
SAMPLES_DIR = ROOT / "samples"
DEFAULT_STORE_DIR = Path("var") / "store"
