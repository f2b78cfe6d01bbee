"""UI text in the reader's language: Flask-Babel over the gettext catalogues in translations/.

Message ids are the English text, so English needs no catalogue; ``translations/zh_Hant``
holds the Chinese. The reader's language is chosen as before (``labels.reader_language``:
``?lang=``, the ``lang`` cookie, Accept-Language, then DEFAULT_LANGUAGE).
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

import flask_babel
from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, Response, current_app, has_request_context

#: Where the catalogues are: ``<locale>/LC_MESSAGES/messages.po`` (and the compiled ``.mo``).
TRANSLATIONS = Path(__file__).parent / "translations"


def page_language() -> str:
    """The page language as a BCP 47 tag (``en``, ``zh-Hant``); the default outside a request."""
    from server.labels import reader_language  # labels names terms with text_in, below

    if has_request_context():
        return reader_language()
    return current_app.config["DEFAULT_LANGUAGE"]


def babel_locale() -> str:
    """Flask-Babel's locale selector: the page language as a Babel identifier (``zh_Hant``)."""
    return page_language().replace("-", "_")


def init_app(app: Flask) -> None:
    """Install Flask-Babel (``_``, ``gettext``, ``ngettext`` in templates) and the selector."""
    flask_babel.Babel(
        app,
        locale_selector=babel_locale,
        default_translation_directories=str(TRANSLATIONS),
    )
    # Flask-Babel keeps the locale on ``g``; a test holding one app context across requests
    # would otherwise keep the first request's language.
    app.before_request(flask_babel.refresh)
    # {% trans %} blocks are whitespace-normalised, so their message ids are one line each.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.globals["page_language"] = page_language
    app.after_request(_vary_by_language)


def _vary_by_language(response: Response) -> Response:
    """A page's words follow Accept-Language and the ``lang`` cookie: caches must know."""
    if response.mimetype == "text/html":
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    return response


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; it is translated where it is shown (text_in)."""
    return message


@lru_cache(maxsize=8)
def _catalogue(language: str) -> NullTranslations:
    try:
        locale = Locale.parse(language, sep="-")
    except (ValueError, UnknownLocaleError):
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS), [locale])


def text_in(language: str, message: str) -> str:
    """``message`` (its English text) in ``language``, whatever the request's own language:
    for labels asked for in a named language (the labels API, term labels)."""
    return _catalogue(language).gettext(message)


def compile_catalogues(directory: Path = TRANSLATIONS) -> list[Path]:
    """Compile every stale ``messages.po`` under ``directory`` to its ``.mo`` (what
    ``pybabel compile`` does); written to a temporary file and renamed, so processes compiling
    at once never read half a file. Returns the ``.mo`` files written."""
    written = []
    for po in sorted(directory.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        handle, temporary = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
        with os.fdopen(handle, "wb") as target:
            write_mo(target, catalog)
        os.replace(temporary, mo)
        written.append(mo)
    return written
