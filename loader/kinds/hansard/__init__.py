"""The ``hansard`` kind: the Council's verbatim record (Official Record of Proceedings)."""

from loader.kinds.hansard.forms import NotHansard
from loader.kinds.hansard.reader import Record, Speech, detect, read

__all__ = ["NotHansard", "Record", "Speech", "detect", "read"]
