"""Word banks and sentence patterns for generated LegCo text, in Traditional Chinese and English.

The patterns follow the real papers' wording (「議員詢問…」 / "Members asked whether…",
「政府當局表示…」 / "The Administration said that…", 「在2024年年中前」 / "by mid-2024"), so
generated text has the real papers' shape and vocabulary without copying any one document.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

ZH, EN = "zh-Hant", "en"

#: Discussion topics: (Chinese, English).
TOPICS = (
    ("智慧城市發展", "smart city development"),
    ("促進數據流通", "facilitating data flow"),
    ("開放數據", "open data"),
    ("“智方便”平台", "the iAM Smart platform"),
    ("推動電子政務", "e-government services"),
    ("加強網絡安全保護", "cybersecurity protection"),
    ("人工智能的應用", "the application of artificial intelligence"),
    ("數碼基礎設施", "digital infrastructure"),
    ("公共房屋供應", "public housing supply"),
    ("過渡性房屋", "transitional housing"),
    ("土地供應", "land supply"),
    ("市區重建", "urban renewal"),
    ("免觸式繳費系統", "the free-flow tolling system"),
    ("公共交通票價", "public transport fares"),
    ("鐵路發展", "railway development"),
    ("基層醫療健康", "primary healthcare"),
    ("公立醫院輪候時間", "waiting times at public hospitals"),
    ("長者社區照顧服務", "community care services for the elderly"),
    ("安老院舍質素", "the quality of residential care homes"),
    ("幼稚園教育", "kindergarten education"),
    ("職業專才教育", "vocational and professional education"),
    ("廢物源頭減量", "waste reduction at source"),
    ("減少碳排放", "carbon emission reduction"),
    ("空氣質素", "air quality"),
    ("食物安全", "food safety"),
    ("法定最低工資", "the statutory minimum wage"),
    ("輸入勞工計劃", "labour importation schemes"),
    ("旅遊業發展", "tourism development"),
    ("文化藝術設施", "arts and cultural facilities"),
    ("體育發展", "sports development"),
    ("創新科技產業", "the innovation and technology industry"),
    ("金融科技", "financial technology"),
    ("公務員培訓", "civil service training"),
    ("選舉安排", "electoral arrangements"),
    ("法律援助服務", "legal aid services"),
    ("警隊人手", "police manpower"),
    ("消費者權益", "consumer rights"),
    ("個人資料私隱", "the privacy of personal data"),
    ("防疫措施", "anti-epidemic measures"),
    ("大灣區合作", "Greater Bay Area cooperation"),
)

#: What about a topic members raise: (Chinese, English).
ASPECTS = (
    ("推行進度", "progress"),
    ("資源分配", "allocation of resources"),
    ("成本效益", "cost-effectiveness"),
    ("時間表", "timetable"),
    ("公眾諮詢", "public consultation"),
    ("人手安排", "manpower arrangements"),
    ("監察機制", "monitoring mechanism"),
    ("私隱保障", "privacy safeguards"),
    ("法律框架", "legal framework"),
    ("數據安全", "data security"),
    ("服務質素", "service quality"),
    ("跨部門協調", "inter-departmental coordination"),
)

#: What the government is asked to do or says it will do: (Chinese, English).
ACTIONS = (
    ("加快推行", "expedite"),
    ("檢討", "review"),
    ("加強", "strengthen"),
    ("擴大", "expand"),
    ("優化", "enhance"),
    ("制訂", "formulate"),
    ("公布", "publish"),
    ("評估", "assess"),
)

#: Who raised a concern: the attribution words, (Chinese, English).
MEMBERS = (("議員", "Members"), ("另有議員", "Another member"), ("部分議員", "Some members"))

#: Concern kinds (lg: concept names) and their verbs: Chinese prefix, English verb phrase.
CONCERN_KINDS = {
    "QuestionRaised": (("詢問政府當局會否", "asked whether the Administration would"),),
    "ViewExpressed": (("認為政府當局應", "considered that the Administration should"),),
    "SuggestionMade": (("建議政府當局", "suggested that the Administration"),),
}

#: How the government's answer is introduced: (Chinese, English).
RESPONSE_VERBS = (
    ("表示", "said"),
    ("回應指", "responded"),
    ("答稱", "replied"),
    ("解釋", "explained"),
)

#: Section headings of a background brief: (Chinese, English).
BRIEF_SECTIONS = (
    ("目的", "Purpose"),
    ("背景", "Background"),
    ("過往的討論", "Previous discussions"),
    ("最新發展", "Latest development"),
    ("相關文件", "Relevant papers"),
)

#: Ordinances that papers cite: (cap number, Chinese title, English title).
ORDINANCES = (
    ("486", "個人資料(私隱)條例", "Personal Data (Privacy) Ordinance"),
    ("528", "版權條例", "Copyright Ordinance"),
    ("368", "道路隧道(政府)條例", "Road Tunnels (Government) Ordinance"),
    ("374", "道路交通條例", "Road Traffic Ordinance"),
    ("608", "最低工資條例", "Minimum Wage Ordinance"),
    ("132", "公眾衞生及市政條例", "Public Health and Municipal Services Ordinance"),
    ("282", "僱員補償條例", "Employees' Compensation Ordinance"),
    ("57", "僱傭條例", "Employment Ordinance"),
    ("106", "電訊條例", "Telecommunications Ordinance"),
    ("354", "廢物處置條例", "Waste Disposal Ordinance"),
)

MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()


@dataclass(frozen=True)
class Deadline:
    """A deadline as words and as its normalised value: (lexical form, datatype local name)."""

    text: str
    value: str
    datatype: str


def topic_text(rng: random.Random, topic: tuple[str, str], language: str) -> tuple[str, str]:
    """(aspect, action) wording for one sentence about ``topic`` in ``language``."""
    aspect, action = rng.choice(ASPECTS), rng.choice(ACTIONS)
    index = 0 if language == ZH else 1
    return aspect[index], action[index]


def concern_sentence(
    rng: random.Random, kind: str, topic: tuple[str, str], language: str
) -> tuple[str, str]:
    """A concern of ``kind`` about ``topic``: (sentence, attribution words)."""
    aspect, action = topic_text(rng, topic, language)
    member = rng.choice(MEMBERS)
    verb = rng.choice(CONCERN_KINDS[kind])
    if language == ZH:
        return f"{member[0]}{verb[0]}{action}{topic[0]}的{aspect}。", member[0]
    return f"{member[1]} {verb[1]} {action} the {aspect} of {topic[1]}.", member[1]


def response_sentence(
    rng: random.Random, topic: tuple[str, str], body: tuple[str, str], year: int, language: str
) -> tuple[str, str]:
    """The government's answer about ``topic``, naming ``body``: (sentence, attribution)."""
    aspect, action = topic_text(rng, topic, language)
    verb = rng.choice(RESPONSE_VERBS)
    half = rng.choice((("年中", "mid"), ("年底", "end")))
    if language == ZH:
        return (
            f"政府當局{verb[0]}，{body[0]}會{action}{topic[0]}的{aspect}，"
            f"並計劃於{year}年{half[0]}前完成相關工作。",
            "政府當局",
        )
    return (
        f"The Administration {verb[1]} that the {body[1]} would {action} the {aspect} of "
        f"{topic[1]} by {half[1]}-{year}.",
        "the Administration",
    )


def deadline(rng: random.Random, year: int, language: str) -> Deadline:
    """A deadline in one of the real wordings, normalised to the latest point it allows."""
    form = rng.randrange(4)
    month = rng.randint(1, 12)
    if form == 0:
        text = f"在{year}年年中前" if language == ZH else f"by mid-{year}"
        return Deadline(text, f"{year}-06", "gYearMonth")
    if form == 1:
        text = f"於{year}年年底前" if language == ZH else f"by end-{year}"
        return Deadline(text, f"{year}-12", "gYearMonth")
    if form == 2:
        text = f"在{year}年{month}月前" if language == ZH else f"by {MONTHS_EN[month - 1]} {year}"
        return Deadline(text, f"{year}-{month:02d}", "gYearMonth")
    text = f"在{year}年內" if language == ZH else f"within {year}"
    return Deadline(text, str(year), "gYear")


def measure_text(
    rng: random.Random, topic: tuple[str, str], due: Deadline, language: str
) -> tuple[str, str]:
    """A policy measure of a blueprint: (short title, the sentence describing it)."""
    aspect, action = topic_text(rng, topic, language)
    if language == ZH:
        title = f"{action}{topic[0]}"
        return title, f"{title}：政府會{action}{topic[0]}的{aspect}，以期{due.text}完成"
    title = f"{action.capitalize()} {topic[1]}"
    return title, f"{title}: the Government will {action} the {aspect} of {topic[1]} {due.text}"


def background_sentence(
    rng: random.Random, topic: tuple[str, str], body: tuple[str, str], year: int, language: str
) -> str:
    """A neutral background sentence naming a body and a topic."""
    aspect, action = topic_text(rng, topic, language)
    if language == ZH:
        return f"{body[0]}於{year}年開始{action}{topic[0]}的{aspect}，並定期向事務委員會匯報。"
    return (
        f"In {year}, the {body[1]} began to {action} the {aspect} of {topic[1]} and has "
        f"reported to the Panel regularly."
    )
