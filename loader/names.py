"""Names as LegCo documents print them, and the keys under which they match."""

import re

_HONORIFIC = re.compile(r"^(?:(?:Dr|Prof|Ir|Hon|The)\s+)+|議員$|\s*,.*$")


def member_name(asker: str) -> str:
    """The asker's name without honorifics: ``Dr Hon KWOK Ka-ki`` → ``KWOK Ka-ki``."""
    return _HONORIFIC.sub("", asker.strip()).strip() or asker.strip()
