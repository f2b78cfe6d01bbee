"""Background briefs (背景資料簡介): the kind's interface; see ``extract`` for what is read."""

from loader.kinds.brief.detect import detect
from loader.kinds.brief.extract import extract
from loader.vocab import LG

NAME = "brief"
RDF_CLASS = LG.BackgroundBrief
#: True when ``extract`` also takes ``origin=``: the source's URL or file name.
READS_ORIGIN = False

__all__ = ["NAME", "RDF_CLASS", "READS_ORIGIN", "detect", "extract"]
