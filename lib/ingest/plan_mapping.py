"""The link from a plan's sections and tasks to PAPI dimensions and sub-dimension keys.

A PAPI plan's sections follow the eight dimensions (six before 2018) and
their sub-dimensions, named as in the PAPI structure of the plan's year.
`link_section` reads a heading ("I. Tham gia của người dân ở cấp cơ sở",
"Nội dung 1: ...", "Chỉ số nội dung 5 – Thủ tục hành chính công",
"1. Tri thức công dân", "Cong khai, minh bach") in three steps:

1. Numbering is set aside.  Only a number that PAPI's own words announce
   ("Nội dung 5", "Chỉ số nội dung 5", "Chỉ số thành phần 2.1", "Trục nội
   dung 3") is evidence of a dimension; a bare "V." is not, since any plan
   numbers its sections.
2. The words are matched, without diacritics, against the names of each
   (sub-)dimension: the official name of that year (`papi.structure_rows`),
   older and common names and abbreviations (`PHRASES`), and, for task
   text only, weaker topic words (`TOPIC_WORDS`).  Longer phrases win over
   shorter ones they overlap, so "Kiểm soát tham nhũng trong cung ứng dịch
   vụ công" is corruption in service delivery, not service delivery.
3. The dimension with the most matched words is chosen (within the parent
   section's dimension when the parent is mapped); its sub-dimensions named
   by the heading become the keys, restricted to keys that exist in that
   year (a heading naming "Ban Thanh tra nhân dân" in a 2020 plan keeps
   dimension 3 with no key).  Empty keys mean the whole dimension.

Confidence: 1.0 for a heading that is exactly a name; otherwise
0.6 + 0.4 × the share of the heading's words the names cover, raised to
at least 0.95 when a PAPI number agrees, lowered when it disagrees; 0.7 for
a PAPI number alone; a section matched only by topic words gets at most 0.5.

`link_task` keeps a section's keys; under a broad section (whole dimension)
it narrows to the sub-dimensions the task names (all of them: the whole
dimension stays), or to the one its topic words favour (`TOPIC_WORDS`, and
`WITHIN_DIMENSION_WORDS` that count only inside their dimension: a hospital
under corruption control is corruption in service delivery).  Under an
unmapped section it offers at most a suggestion (confidence at most
`SUGGESTION`) or leaves the task unmapped.  A plan that is not about PAPI
(`is_papi_plan(title)` false) passes `papi_plan=False` to `link_section`,
whose links are then suggestions too.

Measured on the seed (Đắk Lắk 2020): every section heading gives the
dimension and the keys of data/plan_crosswalk.csv.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lib.domain import i18n, papi
from lib.domain.text import fold, nfc


@dataclass(frozen=True)
class PapiLink:
    """Where a section or task points in PAPI, why, and how sure the match is."""

    dimension: int | None  # 1..8, or None when unmapped
    keys: tuple[str, ...] = ()  # sub-dimension keys; empty = the whole dimension (or nothing if unmapped)
    evidence: str = ""  # the heading or words matched
    confidence: float = 0.0  # 0..1

    @property
    def mapped(self) -> bool:
        return self.dimension is not None


UNMAPPED = PapiLink(None)

# Names beside the official ones: older names, the words plans use, abbreviations (any case, any diacritics).
# The key of a dimension is its `papi.DIMENSIONS` key.
PHRASES: dict[str, tuple[str, ...]] = {
    "participation": (
        "Sự tham gia của người dân ở cấp cơ sở",
        "Tham gia của người dân",
        "Sự tham gia của người dân",
    ),
    "transparency": (
        "Công khai minh bạch",
        "Công khai, minh bạch trong việc ra quyết định ở địa phương",
        "Công khai, minh bạch trong ra quyết định",
    ),
    "vertical_accountability": ("Trách nhiệm giải trình", "Trách nhiệm giải trình với người dân"),
    "control_of_corruption": (
        "Kiểm soát tham nhũng",
        "Kiểm soát tham nhũng trong khu vực công",
        "Phòng, chống tham nhũng",
    ),
    "administrative_procedures": (
        "Thủ tục hành chính công",
        "Thủ tục hành chính",
        "TTHC",
        "Cải cách thủ tục hành chính",
    ),
    "public_service_delivery": ("Cung ứng dịch vụ công", "Cung ứng dịch vụ công cơ bản"),
    "environmental_governance": ("Quản trị môi trường", "Quản trị môi trường ở địa phương"),
    "e_governance": ("Quản trị điện tử", "Chính quyền điện tử", "Quản trị điện tử ở địa phương"),
    "civic_knowledge": ("Tri thức công dân", "Hiểu biết của người dân"),
    "opportunities_for_participation": ("Cơ hội tham gia", "Cơ hội tham gia của người dân"),
    "quality_of_elections": (
        "Chất lượng bầu cử",
        "Bầu cử trưởng thôn",
        "Bầu cử trưởng thôn, tổ trưởng dân phố",
    ),
    "voluntary_contributions": ("Đóng góp tự nguyện",),
    "access_to_information": ("Tiếp cận thông tin",),
    "poverty_lists": ("Danh sách hộ nghèo", "Công khai danh sách hộ nghèo, cận nghèo"),
    "communal_budget": (
        "Ngân sách xã, phường",
        "Ngân sách cấp xã",
        "Ngân sách xã",
        "Thu, chi ngân sách",
        "Thu chi ngân sách cấp xã",
    ),
    "land_use_plans": (
        "Quy hoạch, kế hoạch sử dụng đất",
        "Quy hoạch sử dụng đất",
        "Kế hoạch sử dụng đất",
        "Quy hoạch đất",
        "Giá đất",
        "Giá bồi thường thu hồi đất",
        "Bồi thường thu hồi đất",
    ),
    "interactions_with_local_authorities": (
        "Tương tác với chính quyền",
        "Tiếp xúc với chính quyền",
        "Hiệu quả tiếp xúc với chính quyền",
    ),
    "peoples_inspection_boards": ("Ban Thanh tra nhân dân", "Ban TTND"),
    "community_investment_supervision": ("Ban Giám sát đầu tư cộng đồng", "Giám sát đầu tư của cộng đồng"),
    "responsiveness_to_citizen_actions": ("Đáp ứng kiến nghị của người dân", "Đáp ứng kiến nghị"),
    "responses_to_citizen_appeals": (
        "Giải quyết khiếu nại, tố cáo",
        "Khiếu nại, tố cáo",
        "Giải đáp khiếu nại",
        "Giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh",
    ),
    "access_to_justice": ("Tiếp cận dịch vụ tư pháp", "Dịch vụ tư pháp"),
    "corruption_in_local_government": ("Tham nhũng trong chính quyền địa phương",),
    "corruption_in_service_delivery": ("Tham nhũng trong cung ứng dịch vụ công",),
    "equity_in_state_employment": ("Công bằng trong tuyển dụng", "Tuyển dụng vào khu vực công"),
    "willingness_to_fight_corruption": ("Quyết tâm chống tham nhũng", "Quyết tâm phòng, chống tham nhũng"),
    "certification_procedures": ("Dịch vụ chứng thực", "Chứng thực, xác nhận", "Thủ tục chứng thực"),
    "construction_permits": ("Cấp phép xây dựng", "Giấy phép xây dựng"),
    "land_title_procedures": (
        "Giấy chứng nhận quyền sử dụng đất",
        "Cấp giấy chứng nhận quyền sử dụng đất",
        "GCNQSDĐ",
    ),
    "personal_procedures": (
        "Dịch vụ hành chính cấp xã",
        "Thủ tục hành chính cấp xã",
        "Thủ tục hành chính ở cấp xã",
        "TTHC cấp xã",
    ),
    "public_healthcare": ("Y tế công lập", "Dịch vụ y tế công lập", "Dịch vụ y tế"),
    "primary_education": ("Giáo dục tiểu học", "Giáo dục tiểu học công lập", "Trường tiểu học công lập"),
    "basic_infrastructure": ("Cơ sở hạ tầng căn bản", "Cơ sở hạ tầng cơ bản", "Hạ tầng căn bản"),
    "law_and_order": ("An ninh, trật tự", "An ninh trật tự khu dân cư"),
    "environmental_protection": ("Nghiêm túc trong bảo vệ môi trường", "Bảo vệ môi trường"),
    "air_quality": ("Chất lượng không khí",),
    "water_quality": ("Chất lượng nước", "Chất lượng nguồn nước"),
    "e_government_portals": (
        "Cổng thông tin điện tử của chính quyền địa phương",
        "Tiếp cận cổng thông tin điện tử",
        "Sử dụng cổng thông tin điện tử",
    ),
    "internet_access": ("Sử dụng Internet", "Tiếp cận Internet", "Tiếp cận và sử dụng Internet"),
    "e_responsiveness": (
        "Phúc đáp qua cổng thông tin điện tử",
        "Phúc đáp",
        "Phản hồi của chính quyền",
        "Phản hồi câu hỏi",
        "Trả lời câu hỏi, yêu cầu",
    ),
}

# Topic words: weaker evidence, used for tasks (and for a heading no name matches).
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "civic_knowledge": (
        "Tuyên truyền", "Phổ biến pháp luật", "Phổ biến, giáo dục pháp luật", "Dân chủ ở xã, phường",
        "Dân chủ ở cơ sở", "Quyền lợi, nghĩa vụ",
    ),
    "opportunities_for_participation": ("Bầu cử đại biểu", "Tham gia bầu cử", "Đại biểu Quốc hội"),
    "quality_of_elections": ("Trưởng thôn", "Tổ trưởng dân phố", "Trưởng ấp", "Trưởng bản"),
    "voluntary_contributions": ("Đóng góp", "Huy động nguồn lực", "Xã hội hóa"),
    "access_to_information": ("Cung cấp thông tin", "Luật Tiếp cận thông tin", "Thông tin cho người dân"),
    "poverty_lists": ("Hộ nghèo", "Hộ cận nghèo"),
    "communal_budget": ("Ngân sách", "Thu, chi"),
    "land_use_plans": ("Quy hoạch", "Sử dụng đất", "Thu hồi đất", "Bồi thường", "Giải phóng mặt bằng"),
    "interactions_with_local_authorities": ("Đối thoại", "Tiếp xúc"),
    "peoples_inspection_boards": ("Thanh tra nhân dân",),
    "community_investment_supervision": ("Giám sát đầu tư",),
    "responsiveness_to_citizen_actions": ("Kiến nghị",),
    # Citizen reception ("tiếp công dân") is where complaints and denunciations are received.
    "responses_to_citizen_appeals": ("Khiếu nại", "Tố cáo", "Kiến nghị", "Phản ánh", "Tiếp công dân"),
    "access_to_justice": ("Tòa án", "Hòa giải", "Trợ giúp pháp lý", "Tư pháp"),
    "control_of_corruption": ("Tham nhũng",),
    "corruption_in_local_government": ("Nhũng nhiễu", "Tiêu cực"),
    "corruption_in_service_delivery": (
        "Tiền ngoài quy định", "Lót tay", "Tham nhũng trong y tế", "Tham nhũng trong giáo dục",
    ),
    "equity_in_state_employment": ("Tuyển dụng", "Thi tuyển", "Vị trí việc làm"),
    "willingness_to_fight_corruption": ("Xử lý tham nhũng", "Phòng, chống tham nhũng", "Tố giác", "Kê khai tài sản"),
    "certification_procedures": ("Chứng thực", "Xác nhận"),
    "construction_permits": ("Cấp phép xây dựng", "Giấy phép xây dựng"),
    "land_title_procedures": ("Giấy chứng nhận", "Sổ đỏ", "Quyền sử dụng đất"),
    # No topic words for personal procedures: one-stop shops ("một cửa") serve every procedure.
    "public_healthcare": ("Y tế", "Bệnh viện", "Trạm y tế", "Khám, chữa bệnh", "Khám chữa bệnh", "Bảo hiểm y tế"),
    "primary_education": ("Tiểu học", "Giáo dục", "Trường học", "Học sinh"),
    "basic_infrastructure": (
        "Cấp điện", "Điện lưới", "Điện sinh hoạt", "Nước sạch", "Rác thải", "Thu gom rác", "Đường giao thông",
    ),
    "law_and_order": ("An ninh", "Trật tự", "Tội phạm", "Ma túy"),
    # Treating wastewater is environmental protection; PAPI's water quality is the water households use.
    "environmental_protection": ("Môi trường", "Ô nhiễm", "Nước thải"),
    "air_quality": ("Không khí", "Khói bụi"),
    "water_quality": ("Nước sinh hoạt", "Nguồn nước"),
    "e_government_portals": ("Cổng thông tin điện tử", "Cổng TTĐT", "Trang thông tin điện tử"),
    "internet_access": ("Internet", "Wifi", "Hạ tầng viễn thông"),
    "e_responsiveness": ("Phản hồi", "Trả lời", "Hỏi đáp"),
}

# Topic words that point to a sub-dimension only within a section of its dimension: under "Kiểm soát tham
# nhũng", health and schools are corruption in service delivery; elsewhere they are service delivery itself.
WITHIN_DIMENSION_WORDS: dict[str, tuple[str, ...]] = {
    "corruption_in_service_delivery": (
        "Y tế", "Y đức", "Khám chữa bệnh", "Khám, chữa bệnh", "Bệnh viện", "Giáo dục", "Giáo viên", "Tiểu học",
        "Trường học",
    ),
    "willingness_to_fight_corruption": ("Xử lý", "Kết quả xử lý", "Tố giác"),
}

# Words of a heading that say nothing about its topic: not counted when measuring how much of it the names cover.
_FILLER = frozenset(
    {
        "nang", "cao", "cai", "thien", "chi", "so", "noi", "dung", "thanh", "phan", "nhiem", "vu", "giai", "phap",
        "ve", "cac", "cong", "tac", "papi", "tang", "cuong", "day", "manh", "thuc", "hien", "truc", "linh", "vuc",
    }
)
# A number announced by PAPI's own words: "Nội dung 5", "Chỉ số nội dung thành phần 2.1", "Trục nội dung 3".
_PAPI_NUMBER = re.compile(
    r"^\s*(?:chi so\s+)?(?:truc\s+)?noi dung(?:\s+thanh phan)?\s+(\d)(?:\.(\d))?\b"
    r"|^\s*chi so thanh phan\s+(\d)(?:\.(\d))?\b"
)
# PAPI's name for a (sub-)dimension in front of its name, without a number: 'Chỉ số nội dung "Quản trị điện tử"'.
_PAPI_LABEL = re.compile(r"^\s*chi so\s+(?:noi dung\s+)?(?:thanh phan\s+)?")
# Section numbering in front of a heading: "I.", "IV -", "A)", "1.", "2.3.", "a)".
_NUMBERING = re.compile(r"^\s*(?:[IVXLC]+|[A-Za-z]|\d+(?:\.\d+)*)\s*[.):\-–]\s*|^\s*\d+(?:\.\d+)+\s+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Phrase:
    key: str
    dimension: int
    tokens: tuple[str, ...]
    strong: bool  # a name (strong) or a topic word (weak)
    subdimension: bool  # names a sub-dimension (not a whole dimension)
    exact_name: bool  # the official name of that year
    within: bool = False  # evidence only inside a section of its dimension (WITHIN_DIMENSION_WORDS)


@dataclass(frozen=True)
class _Match:
    phrase: _Phrase
    start: int
    stop: int

    @property
    def size(self) -> int:
        return self.stop - self.start


def _tokens(text: str) -> list[str]:
    """Folded word tokens ("Công khai, minh bạch" -> ["cong", "khai", "minh", "bach"])."""
    return [fold(w) for w in _WORD.findall(nfc(text).replace("_", " "))]


@lru_cache(maxsize=1)
def _all_names() -> dict[str, str]:
    """Key -> Vietnamese name over every year PAPI published."""
    rows = papi.structure_rows(range(papi.FIRST_YEAR, papi.LAST_KNOWN_YEAR + 1))
    return {str(r["key"]): str(r["name_vi"]) for r in rows}


@lru_cache(maxsize=32)
def _phrases(year: int) -> tuple[tuple[_Phrase, ...], frozenset[str]]:
    """Every phrase for the structure of `year`, and the sub-dimension keys valid in that year."""
    rows = papi.structure_rows([year])
    valid = frozenset(str(r["key"]) for r in rows if r["subdimension"] is not None)
    official: dict[str, tuple[int, bool, str]] = {
        str(r["key"]): (int(r["dimension"]), r["subdimension"] is not None, str(r["name_vi"])) for r in rows
    }
    found: list[_Phrase] = []
    for key, (dim, is_sub, name) in official.items():
        found.append(_Phrase(key, dim, tuple(_tokens(name)), True, is_sub, True))
    # Keys of other years keep their dimension, so a heading naming them still finds it.
    for key in papi.subdimension_keys():
        if key not in official:
            dim = papi.dimension_of_key(key)
            if dim in papi.era(year):
                found.append(_Phrase(key, dim, tuple(_tokens(_all_names()[key])), True, True, False))
    dimension_of = {c.key: d for d, c in papi.DIMENSIONS.items()}
    for table, strong in ((PHRASES, True), (TOPIC_WORDS, False)):
        for key, words in table.items():
            if key in dimension_of:
                dim, is_sub = dimension_of[key], False
                if dim not in papi.era(year):
                    continue
            else:
                dim, is_sub = papi.dimension_of_key(key), True
                if dim not in papi.era(year):
                    continue
            found.extend(_Phrase(key, dim, tuple(_tokens(w)), strong, is_sub, False) for w in words)
    for key, words in WITHIN_DIMENSION_WORDS.items():
        dim = papi.dimension_of_key(key)
        if dim in papi.era(year):
            found.extend(_Phrase(key, dim, tuple(_tokens(w)), False, True, False, within=True) for w in words)
    return tuple(p for p in found if p.tokens), valid


def _find(tokens: list[str], phrases: Iterable[_Phrase]) -> list[_Match]:
    """Non-overlapping matches, longest (then strongest) first."""
    by_first: dict[str, list[_Phrase]] = {}
    for phrase in phrases:
        by_first.setdefault(phrase.tokens[0], []).append(phrase)
    candidates: list[_Match] = []
    for start, token in enumerate(tokens):
        for phrase in by_first.get(token, ()):
            stop = start + len(phrase.tokens)
            if tuple(tokens[start:stop]) == phrase.tokens:
                candidates.append(_Match(phrase, start, stop))
    candidates.sort(key=lambda m: (-m.size, not m.phrase.strong, not m.phrase.exact_name, m.start))
    taken: list[_Match] = []
    used: set[int] = set()
    for match in candidates:
        span = set(range(match.start, match.stop))
        if not span & used:
            taken.append(match)
            used |= span
    return sorted(taken, key=lambda m: m.start)


def _words(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Character spans of the words of `text` and their folded tokens."""
    found = list(_WORD.finditer(text))
    return [m.span() for m in found], [fold(m.group(0)) for m in found]


def _evidence(text: str, spans: list[tuple[int, int]], matches: list[_Match]) -> str:
    """The words matched, as the text writes them (with their inner punctuation)."""
    return "; ".join(text[spans[m.start][0] : spans[m.stop - 1][1]] for m in matches)


def _ordered(keys: Iterable[str], dimension: int, year: int) -> tuple[str, ...]:
    """Keys of `dimension` valid in `year`, in the official order of that year."""
    wanted = set(keys)
    return tuple(k for k, _ in papi.era(year).get(dimension, []) if k in wanted)


def _papi_number(heading: str) -> tuple[int | None, str, str]:
    """(dimension announced by PAPI's words, those words, the heading without them or its numbering)."""
    text = _NUMBERING.sub("", nfc(heading), count=1)
    folded = fold(text)  # as long as `text`: folding drops only combining marks
    match = _PAPI_NUMBER.match(folded)
    if match:
        number = match.group(1) or match.group(3)
        rest = text[match.end() :].lstrip(" .:-–—)")
        return int(number), text[: match.end()].strip(), rest
    label = _PAPI_LABEL.match(folded)
    return None, "", text[label.end() :] if label and label.end() < len(text) else text


# A plan about PAPI names it in its title: "... Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) ...".
_PAPI_TITLE = re.compile(r"\bpapi\b|chi so hieu qua quan tri va hanh chinh cong")
# The most a heading of a plan that is not about PAPI may claim: its links are suggestions.
SUGGESTION = 0.4


def is_papi_plan(title: str) -> bool:
    """True when a plan's title says it is about PAPI (by name or acronym, with or without diacritics)."""
    return bool(_PAPI_TITLE.search(fold(title or "")))


def link_section(heading: str, year: int, parent: PapiLink | None = None, papi_plan: bool = True) -> PapiLink:
    """Link a section heading of a plan of `year` to PAPI; `parent` is the enclosing section's link.

    For a plan that is not about PAPI (`papi_plan=False`: digital
    transformation, PCI) a match is a suggestion: its confidence is capped
    at `SUGGESTION`.
    """
    link = _link_section(heading, year, parent)
    if papi_plan or link.confidence <= SUGGESTION:
        return link
    return PapiLink(link.dimension, link.keys, link.evidence, SUGGESTION)


def _link_section(heading: str, year: int, parent: PapiLink | None) -> PapiLink:
    if not papi.known_year(year):
        return parent or UNMAPPED
    number, number_words, rest = _papi_number(heading)
    if number is not None and number not in papi.era(year):
        number, number_words = None, ""
    spans, tokens = _words(rest)
    phrases, valid = _phrases(year)
    within = parent.dimension if parent is not None and parent.mapped else None
    pool = [p for p in phrases if not p.within and (within is None or p.dimension == within)]
    strong = _find(tokens, [p for p in pool if p.strong])
    matches = strong or _find(tokens, [p for p in pool if not p.strong])
    if not matches:
        if number is not None and within in (None, number):
            return PapiLink(number, (), number_words, 0.7)
        if parent is not None and parent.mapped:
            return PapiLink(parent.dimension, (), parent.evidence, round(parent.confidence * 0.8, 2))
        return UNMAPPED
    # The dimension with most matched words (ties: the first named).
    weight: dict[int, int] = {}
    for match in matches:
        weight[match.phrase.dimension] = weight.get(match.phrase.dimension, 0) + match.size
    dimension = max(weight, key=lambda d: (weight[d], -min(m.start for m in matches if m.phrase.dimension == d)))
    chosen = [m for m in matches if m.phrase.dimension == dimension]
    keys = _ordered((m.phrase.key for m in chosen if m.phrase.subdimension and m.phrase.key in valid), dimension, year)
    content = [t for t in tokens if t not in _FILLER] or tokens
    covered = sum(m.size for m in chosen)
    coverage = min(1.0, covered / max(1, len(content)))
    if strong:
        exact = len(chosen) == 1 and chosen[0].phrase.exact_name and chosen[0].size == len(tokens)
        confidence = 1.0 if exact else min(0.95, 0.6 + 0.4 * coverage)
    else:
        confidence = min(0.5, 0.3 + 0.3 * coverage)
    named_old_key = any(m.phrase.subdimension and m.phrase.key not in valid for m in chosen) and not keys
    if named_old_key:
        confidence = min(confidence, 0.6)
    evidence = _evidence(rest, spans, chosen)
    if number is not None:
        evidence = f"{number_words}; {evidence}"
        confidence = max(confidence, 0.95) if number == dimension else confidence * 0.7
    return PapiLink(dimension, keys, evidence, round(min(confidence, 1.0), 2))


def _task_matches(text: str, year: int, dimension: int | None) -> tuple[list[tuple[int, int]], list[_Match]]:
    spans, tokens = _words(text)
    phrases, valid = _phrases(year)
    if dimension is None:
        # Any dimension: its names and topic words, and those of sub-dimensions of the year.
        pool = [p for p in phrases if not p.within and (not p.subdimension or p.key in valid)]
    else:
        pool = [p for p in phrases if p.subdimension and p.key in valid and p.dimension == dimension]
    return spans, _find(tokens, pool)


def link_task(text: str, section: PapiLink, year: int) -> PapiLink:
    """Link one task of a section to PAPI: the section's link, narrowed to sub-dimensions where the words say so.

    A section naming sub-dimensions keeps them for every task (the section
    is the plan's own statement).  Under a broad section the task's words
    may narrow it: the sub-dimensions the task names (by a name, not a topic
    word) become its keys, unless it names all of them (then the whole
    dimension stays); with no name, the one sub-dimension with most topic
    words, if one leads.  Under an unmapped section the same search over
    every dimension gives a suggestion of confidence at most `SUGGESTION`,
    or the task stays unmapped when nothing, or two dimensions equally, match.
    """
    if section.keys or not papi.known_year(year):
        return section
    text = nfc(text)
    spans, matches = _task_matches(text, year, section.dimension)
    if not matches:
        return section
    count: dict[int, int] = {}
    for match in matches:
        count[match.phrase.dimension] = count.get(match.phrase.dimension, 0) + (2 if match.phrase.strong else 1)
    ranked = sorted(count.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return section  # two dimensions equally named: no suggestion
    dimension = section.dimension or max(count, key=lambda d: count[d])
    matches = [m for m in matches if m.phrase.dimension == dimension]
    named = [m for m in matches if m.phrase.strong]
    if named:
        keys = _ordered({m.phrase.key for m in named}, dimension, year)
        if len(keys) == len(papi.era(year)[dimension]):
            keys = ()  # every sub-dimension named: the whole dimension is meant
        chosen = named
    else:
        per_key: dict[str, int] = {}
        for match in matches:
            if match.phrase.subdimension:
                per_key[match.phrase.key] = per_key.get(match.phrase.key, 0) + 1
        best = sorted(per_key.items(), key=lambda kv: -kv[1])
        if not best or (len(best) > 1 and best[0][1] == best[1][1]):
            if section.mapped:
                return section  # no sub-dimension leads
            keys = ()
        else:
            keys = (best[0][0],)
        chosen = [m for m in matches if not keys or m.phrase.key in keys]
    evidence = _evidence(text, spans, chosen)
    strength = min(0.8, 0.5 + 0.1 * len(chosen)) if named else min(0.6, 0.3 + 0.1 * len(chosen))
    if section.mapped:
        if not keys:
            return section
        return PapiLink(dimension, keys, evidence, round(min(section.confidence, strength), 2))
    return PapiLink(dimension, keys, evidence, round(min(SUGGESTION, strength), 2))


def describe_link(link: PapiLink, year: int, lang: str) -> str:
    """A link for the preview: dimension, sub-dimensions named as in `year`, evidence and confidence."""
    if not link.mapped or link.dimension is None:
        return i18n.t("pl_link_unmapped", lang)
    column = "name_en" if lang == "en" else "name_vi"
    names = {str(r["key"]): str(r[column]) for r in papi.structure_rows([year])}
    subs = i18n.join([names.get(k, k) for k in link.keys], lang) if link.keys else i18n.t("pl_link_whole", lang)
    return i18n.t(
        "pl_link",
        lang,
        dimension=link.dimension,
        name=i18n.dimension_name(link.dimension, lang),
        subs=subs,
        evidence=link.evidence,
        confidence=round(link.confidence * 100),
    )
