"""Committee and Council agendas (議程): the kind's interface; see ``extract`` for what is read."""

from loader.kinds.agenda.detect import detect
from loader.kinds.agenda.extract import extract
from loader.vocab import LG

NAME = "agenda"
RDF_CLASS = LG.Agenda
#: True when ``extract`` also takes ``origin=``: the source's URL or file name.
READS_ORIGIN = True

__all__ = ["NAME", "RDF_CLASS", "READS_ORIGIN", "detect", "extract"]
