"""The protocol's using-graph-uri / using-named-graph-uri, applied as USING clauses.

pyoxigraph's ``Store.update`` takes no dataset, so the parameters are written into the update:
``USING <g>`` / ``USING NAMED <g>`` before the ``WHERE`` of every DELETE/INSERT operation, as
the SPARQL 1.1 Protocol defines them (§2.2.3). An update that names its own dataset (USING,
USING NAMED or WITH) together with the parameters is an error, as the protocol requires.
"""

from __future__ import annotations

import re

from server.errors import ApiError

#: Pieces of SPARQL text scanned over as a whole: comments, strings, IRIs.
_OPAQUE = re.compile(
    r"""\#[^\n]*                     # comment
    | '''(?:[^'\\]|\\.|'(?!''))*'''  # long strings
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n]|\\.)*'            # short strings
    | "(?:[^"\\\n]|\\.)*"
    | <[^<>"{}|^`\\\s]*>             # IRI reference
    """,
    re.VERBOSE,
)
_WORD = re.compile(r"[A-Za-z_]+")


def with_protocol_dataset(update: str, using: list[str], using_named: list[str]) -> str:
    """The update with USING clauses for the protocol parameters inserted before each WHERE."""
    clauses = " ".join(
        [f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]
    )
    out, depth, position, previous_word = [], 0, 0, ""
    while position < len(update):
        char = update[position]
        opaque = _OPAQUE.match(update, position)
        if opaque:
            out.append(opaque.group())
            position = opaque.end()
            continue
        word = _WORD.match(update, position)
        if word:
            upper = word.group().upper()
            if depth == 0 and upper in ("USING", "WITH"):
                raise ApiError(
                    400,
                    "an update with its own USING or WITH cannot also take "
                    "using-graph-uri or using-named-graph-uri",
                )
            if depth == 0 and upper == "WHERE" and previous_word != "DELETE":
                out.append(f"{clauses} ")
            out.append(word.group())
            previous_word = upper
            position = word.end()
            continue
        depth += char == "{"
        depth -= char == "}"
        if not char.isspace():
            previous_word = ""
        out.append(char)
        position += 1
    return "".join(out)
