"""Where the project's data folders are: the one place that knows the checkout layout."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
SAMPLES_DIR = ROOT / "samples"
DEFAULT_STORE_DIR = Path("var") / "store"
QUERIES_DIR = ROOT / "queries"
DEFAULT_RELEASES_DIR = Path("var") / "releases"
DEFAULT_CACHE_DIR = Path("var") / "cache"
EDITOR_DIR = ROOT / "var" / "editor"
