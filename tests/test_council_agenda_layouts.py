"""The Seventh Council's web layout of Council agendas: questions listed one field a line (the
asking Member, the subject in brackets, the answering post), in Chinese and English."""

import pytest
from brief_support import BASE
from rdflib.namespace import DCTERMS

from loader.kinds import agenda
from loader.text import clean_text, detect_language
from loader.vocab import LG

ZH = """A 2025-12
立法會
議程
2025年4月9日星期三上午11時正
I. 提交文件
附屬法例／文書 法律公告編號
1. 《2025年稅務(修訂)規例》  45/2025
II. 質詢
1.陳克勤議員
(智慧政府的發展)
創新科技及工業局局長
2.葛珮帆議員
(網絡安全)
保安局局長
*3.林素蔚議員
(基層醫療)
醫務衞生局局長
III. 議員議案
立法會秘書處
議會事務部3
2025年4月2日
"""
EN = """A 2025-12
Legislative Council
Agenda
Wednesday 9 April 2025 at 11:00 am
I. Tabling of Papers
II. Questions
1. Hon CHAN Hak-kan
(Development of smart government)
Secretary for Innovation, Technology and Industry
2. Dr Hon Elizabeth QUAT
(Cyber security)
Secretary for Security
*3. Hon LAM So-wai
(Primary healthcare)
Secretary for Health
III. Members' Motions
Council Business Division 3
Legislative Council Secretariat
2 April 2025
"""


@pytest.mark.parametrize("text", [ZH, EN], ids=["zh", "en"])
def test_questions_listed_one_field_a_line_give_asker_subject_and_answering_post(text):
    text = clean_text(text)
    extraction = agenda.extract(text, language=detect_language(text), base_iri=BASE)
    graph = extraction.graph
    questions = sorted(graph.subjects(LG.askedAt, None), key=str)
    assert [str(q).removeprefix(BASE) for q in questions] == [
        f"question/2025-04-09/{n}" for n in (1, 2, 3)
    ]
    first, _, third = questions
    assert str(graph.value(first, DCTERMS.title)) in {
        "智慧政府的發展",
        "Development of smart government",
    }
    assert graph.value(first, LG.askedBy) is not None
    assert str(graph.value(first, LG.answeringBody)).endswith("org/itib")
    assert graph.value(first, LG.questionType) == LG.OralQuestion
    assert graph.value(third, LG.questionType) == LG.WrittenQuestion
    assert not list(graph.objects(first, LG.text))
