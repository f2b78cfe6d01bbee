"""Submissions (意見書) to LegCo committees: the kind's interface; see ``extract``."""

from loader.kinds.submission.detect import detect
from loader.kinds.submission.extract import extract
from loader.vocab import LG

NAME = "submission"
RDF_CLASS = LG.Submission
#: True when ``extract`` also takes ``origin=``: the source's URL or file name.
READS_ORIGIN = True

__all__ = ["NAME", "RDF_CLASS", "READS_ORIGIN", "detect", "extract"]
