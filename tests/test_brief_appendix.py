"""Background briefs: the appendix of papers, with their LegCo URLs, paper numbers and items."""

import pyoxigraph as ox
from brief_support import BASE
from brief_support import query_rows as _rows
from brief_support import query_values as _values

# --- Appendix of relevant papers ---------------------------------------------------------


def test_sample_appendix_has_12_distinct_legco_urls_once_each(sample: ox.Store) -> None:
    urls = _rows(sample, "SELECT ?paper ?url WHERE { ?paper a lg:Paper ; schema:url ?url }")
    assert len(urls) == 12
    assert len({url for _, url in urls}) == 12
    assert all(url.startswith("https://www.legco.gov.hk/") for _, url in urls)


def test_sample_appendix_rows_have_agenda_items_and_papers(sample: ox.Store) -> None:
    rows = _rows(
        sample,
        """SELECT ?number ?url ?date ?item ?title WHERE {
             ?paper a lg:FollowUpPaper, lg:Paper ; lg:paperNumber ?number ; schema:url ?url ;
                    lg:forMeeting ?m . ?m dcterms:date ?date .
             OPTIONAL { ?i lg:itemOf ?m ; lg:itemNumber ?item ; dcterms:title ?title } }""",
    )
    stem = "https://www.legco.gov.hk/yr2023/chinese/panels/itb/papers/"
    assert rows == [
        (
            "CB(1)1198/2023(01)",
            stem + "itb20231212cb1-1198-1-c.pdf",
            "2023-12-12",
            "III",
            "促進數據流通及保障數據安全",
        ),
        (
            "CB(1)189/2023(01)",
            stem + "itb20230213cb1-189-1-c.pdf",
            "2023-02-13",
            "III",
            "《香港創新科技發展藍圖》",
        ),
        (
            "CB(1)779/2023(01)",
            stem + "itb20230320cb1-779-1-c.pdf",
            "2023-03-20",
            "III",
            "提升“智方便”以實現政府服務“一網通辦”",
        ),
    ]
    assert _values(sample, 'SELECT ?p WHERE { ?p lg:paperNumber "CB(1)189/2023(01)" }') == [
        BASE + "paper/CB1-189-2023-01"
    ]
    agenda = _rows(
        sample,
        """SELECT ?url WHERE { id:meeting\\/2022\\/hs01\\/2023-01-31\\/agenda a lg:Agenda ;
             lg:agendaOf id:meeting\\/2022\\/hs01\\/2023-01-31 ; schema:url ?url }""",
    )
    assert agenda == [
        ("https://www.legco.gov.hk/yr2022/chinese/hc/sub_com/hs01/agenda/hs0120230131.htm",)
    ]
    assert len(_values(sample, "SELECT ?m WHERE { ?m a lg:Minutes ; lg:minutesOf ?x }")) == 6
