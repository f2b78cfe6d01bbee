"""LCQ press releases (立法會質詢): the kind's interface; see ``extract`` for what is read."""

from loader.kinds.lcq.detect import detect
from loader.kinds.lcq.extract import extract
from loader.vocab import LG

NAME = "lcq"
RDF_CLASS = LG.PressRelease
#: True when ``extract`` also takes ``origin=``: the source's URL or file name.
READS_ORIGIN = True

__all__ = ["NAME", "RDF_CLASS", "READS_ORIGIN", "detect", "extract"]
