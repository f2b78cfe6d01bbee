"""UI text comes from the gettext catalogues, in the reader's language."""

from __future__ import annotations

from babel.messages.pofile import read_po

from server.i18n import TRANSLATIONS


def _catalogues() -> list:
    """Every .po catalogue under server/translations, read with Babel."""
    found = []
    for po in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            found.append((po, read_po(source)))
    return found


def test_every_catalogue_entry_is_translated_and_not_fuzzy() -> None:
    catalogues = _catalogues()
    assert catalogues, "no catalogue under server/translations"
    for po, catalog in catalogues:
        untranslated = [m.id for m in catalog if m.id and not m.string]
        fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
        assert not untranslated, f"{po}: untranslated {untranslated}"
        assert not fuzzy, f"{po}: fuzzy {fuzzy}"


def test_page_chrome_follows_the_chosen_language(mini_client) -> None:
    chinese = mini_client.get("/?lang=zh-Hant").get_data(as_text=True)
    english = mini_client.get("/?lang=en").get_data(as_text=True)
    assert '<nav aria-label="網站">' in chinese
    assert '<nav aria-label="Site">' in english


def test_accept_language_chooses_the_chinese_catalogue(app_factory, tmp_path) -> None:
    client = app_factory(tmp_path / "empty").test_client()
    html = client.get("/", headers={"Accept-Language": "zh-HK,zh;q=0.9"}).get_data(as_text=True)
    assert '<nav aria-label="網站">' in html
