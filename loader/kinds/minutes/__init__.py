"""Committee minutes (會議紀要): the kind's interface; see ``extract`` for what is read."""

from loader.kinds.minutes.detect import detect
from loader.kinds.minutes.extract import extract
from loader.vocab import LG

NAME = "minutes"
RDF_CLASS = LG.Minutes
#: True when ``extract`` also takes ``origin=``: the source's URL or file name.
READS_ORIGIN = True

__all__ = ["NAME", "RDF_CLASS", "READS_ORIGIN", "detect", "extract"]
