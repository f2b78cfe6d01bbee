"""The ``hansard`` kind: the Council's verbatim record (Official Record of Proceedings)."""

from loader.kinds.hansard.detect import detect
from loader.kinds.hansard.extract import extract
from loader.vocab import LG

NAME = "hansard"
RDF_CLASS = LG.Hansard
#: True when ``extract`` also takes ``origin=``: the source's URL or file name.
READS_ORIGIN = True
#: True when ``extract`` also takes ``pdf=``: the bytes of a PDF source.
READS_PDF = True

__all__ = ["NAME", "RDF_CLASS", "READS_ORIGIN", "READS_PDF", "detect", "extract"]
