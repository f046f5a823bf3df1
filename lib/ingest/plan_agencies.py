"""Agencies named in a plan's cells: split a cell into names and resolve each against `data/agencies.csv`.

Splitting.  A cell is cut on ";", line breaks and HTML list and paragraph
ends; a leading bullet or number ("- ", "• ", "1.", "a)") is dropped.  Each
piece is then cut by the alias data (`lib.domain.agencies.cut_words`): the
longest runs of words the agency table knows.  A comma or a spaced dash
therefore splits only where the alias data says two bodies meet ("Văn phòng
UBND tỉnh, Cổng thông tin điện tử tỉnh", "- Sở Nội vụ - Sở Tài chính") and
never inside a known name ("Sở Lao động, Thương binh và Xã hội", "Các sở,
ngành", "Sở Giáo dục - Đào tạo").  Words the table does not know:
- glued to a known name with no separator ("Sở Tư pháp tỉnh Gia Lai") stay
  with it as one written name, resolved below;
- a lone "và" / "cùng" between two names is a separator;
- "cấp xã" after "UBND cấp huyện, " means "UBND cấp xã" (the head is shared);
- inside unknown words a comma splits only before a word that opens an
  agency name ("Sở", "Ban", "Hội", "UBND", ...), so an unknown name with a
  comma of its own ("Phòng Văn hóa, Thông tin") stays whole; in a bulleted
  cell a spaced dash always splits.
Two known names run together with no separator ("Sở Khoa học và Công nghệ Sở
Công Thương") are cut apart and each is marked: `split_agencies` returns
them as `WrittenName` strings carrying `run_together=True`, which
`resolve_agencies` turns into the status "run_together".

Resolving.  Each written name is "known" (a canonical name or alias, also
with full words for an abbreviation the table holds, "Ủy ban nhân dân" for
"UBND"; or a known agency followed by its province, "Sở Tư pháp tỉnh Đắk
Lắk", or by its role in brackets, "Sở Nội vụ (chủ trì)"), "run_together" (see above; or a name that holds
two agencies), "likely_alias" (not known, but close to a known spelling:
the closest canonical name and the similarity are given) or "new".  Each
resolved name carries its level from the agency table; a new name gets the
level its words say ("cấp xã" -> commune) where they say one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from lib.domain import eras, i18n
from lib.domain.agencies import AgencyIndex, Cut, _index, cut_words
from lib.domain.provinces import match_province
from lib.domain.text import compact_key, fold, nfc

# How a written name relates to the agency table.
STATUSES = ("known", "likely_alias", "new", "run_together")

# Levels of local government: three tiers until the two-tier reform of 1 July 2025, two after it.
LEVELS_BEFORE_JULY_2025 = ("province", "district", "commune")
LEVELS_FROM_JULY_2025 = ("province", "commune")

# A name at least this similar (0..1, difflib ratio of compact keys) to a known spelling is a likely alias.
LIKELY_ALIAS = 0.8

_SEPARATORS = re.compile(r"[;\n\r]+|<\s*br\s*/?\s*>|</\s*(?:p|li|div|tr)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# A list bullet or number at the start of a piece.
_LEADING_BULLET = re.compile(r"^\s*(?:[-–•+*]|\d{1,2}[.)]|[a-zđ]\))\s*")
_EDGES = " ,.;:-–"
_CONNECTORS = frozenset({"va", "cung", "voi", "phoi hop voi"})
# Words that open an agency name (folded): a comma before one of them ends the name before it.
_HEADS = (
    "so ", "ban ", "hoi ", "phong ", "trung tam ", "dai ", "bao ", "cong an ", "ubnd ", "hdnd ", "uy ban ",
    "van phong ", "thanh tra ", "cuc ", "chi cuc ", "kho bac ", "ngan hang ", "lien doan ", "lien minh ",
    "tinh doan", "doan ", "bo chi huy ", "bch ", "vien ", "toa an ", "truong ", "benh vien ", "cong ty ",
    "dien luc ", "buu dien ", "mttq ", "cac ", "cong thong tin ", "bhxh ", "bao hiem ",
)
# Words after a department that name the province it belongs to: "tỉnh", "tỉnh Đắk Lắk", "thành phố Huế".
_PROVINCE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+(?P<unit>tỉnh|thành phố|TP\.?)(?:\s+(?P<name>.+))?$", re.IGNORECASE)


# Full words an agency name may spell out where the table holds the abbreviation (compact keys).
_ABBREVIATIONS = (
    ("uybannhandan", "ubnd"),
    ("hoidongnhandan", "hdnd"),
    ("mattrantoquoc", "mttq"),
    ("thongtindientu", "ttdt"),
    ("baohiemxahoi", "bhxh"),
)


class _Abbreviating(AgencyIndex):
    """The agency index, also finding names that spell out an abbreviation ("Ủy ban nhân dân tỉnh")."""

    def lookup(self, name: str) -> str | None:
        key = compact_key(name)
        if not key:
            return None
        found = self.by_key.get(key)
        if found is None:
            for full, short in _ABBREVIATIONS:
                key = key.replace(full, short)
            found = self.by_key.get(key)
        return found


def _table(index: AgencyIndex | pd.DataFrame | None) -> AgencyIndex:
    base = _index(index)
    if isinstance(base, _Abbreviating):
        return base
    # Spelled-out names are longer than the aliases they match: widen the window tried when cutting.
    return _Abbreviating(by_key=base.by_key, max_words=base.max_words + 4, levels=base.levels)


class WrittenName(str):
    """A name as written in a cell, remembering that it was run together with a neighbour."""

    run_together: bool = False

    def __new__(cls, text: str, run_together: bool = False) -> WrittenName:
        made = super().__new__(cls, text)
        made.run_together = run_together
        return made


@dataclass(frozen=True)
class AgencyName:
    """One agency as a plan wrote it, and what the agency table makes of it."""

    written: str
    canonical: str | None  # the table's canonical name when resolved
    status: str  # one of STATUSES
    level: str | None = None  # province / district / commune / other, where known
    closest: str | None = None  # the nearest known name, for a likely alias or a new name
    similarity: float = 0.0  # 0..1 similarity to `closest`
    parts: tuple[str, ...] = ()  # for a name holding several agencies: each one (canonical where known)

    @property
    def name(self) -> str:
        """The name to store: canonical where resolved, as written where not."""
        return self.canonical or self.written

    @property
    def needs_review(self) -> bool:
        """True when an editor must accept, merge or correct the name before it is stored."""
        return self.status != "known"


# --- splitting ---------------------------------------------------------------------------------------------------


def _pieces(cell: str) -> list[tuple[str, bool]]:
    """Cut a raw cell on hard separators (";", line breaks, HTML list/paragraph ends); say which are bulleted.

    A spaced dash inside a piece is left to the alias data: it separates two
    known names ("- Sở Nội vụ - Sở Tài chính") but belongs to one
    ("Sở Giáo dục - Đào tạo", "Sở Lao động - Thương binh và Xã hội").
    """
    pieces: list[tuple[str, bool]] = []
    for part in _SEPARATORS.split(cell or ""):
        text = nfc(_TAG.sub(" ", part))
        bulleted = bool(_LEADING_BULLET.match(text))
        text = _LEADING_BULLET.sub("", text)
        if text.strip(_EDGES):
            pieces.append((text, bulleted))
    return pieces


def _offsets(piece: str, words: list[str]) -> list[tuple[int, int]]:
    """Character span of each word of `cut_words` in the piece (lone punctuation between stays in the text)."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for word in words:
        at = piece.find(word, cursor)
        spans.append((at, at + len(word)))
        cursor = at + len(word)
    return spans


def _span(piece: str, spans: list[tuple[int, int]], start: int, stop: int) -> str:
    """The piece's text from word `start` to word `stop - 1`, as written."""
    return piece[spans[start][0] : spans[stop - 1][1]].strip(_EDGES)


_UNKNOWN_SEPARATOR = re.compile(r"(\s*,\s*|\s+[-–•+*]\s+)")


def _split_unknown(text: str, bulleted: bool) -> list[str]:
    """Split a run of unknown words where one name ends and the next begins.

    A comma (or a spaced dash) splits before a word that opens an agency name
    ("Sở", "Hội", "Ban", ...); in a bulleted cell a spaced dash always splits.
    """
    pieces = _UNKNOWN_SEPARATOR.split(text)
    names: list[str] = [pieces[0].strip(_EDGES)]
    for separator, part in zip(pieces[1::2], pieces[2::2], strict=True):
        part = part.strip(_EDGES)
        if not part:
            continue
        is_dash = separator.strip() not in ("", ",")
        if (bulleted and is_dash) or fold(part + " ").startswith(_HEADS) or not names[-1]:
            names.append(part)
        else:
            names[-1] = f"{names[-1]}{separator}{part}"
    return [n for n in names if n]


def _shared_head(text: str, previous: str | None, index: AgencyIndex) -> str | None:
    """Return the agency "cấp xã" means after "UBND cấp huyện," (the head of the previous name), if known."""
    words = text.split()
    while words and fold(words[0]) in _CONNECTORS:
        words = words[1:]
    if not previous or not words or fold(words[0]) != "cap" or " cấp " not in previous:
        return None
    head = previous.split(" cấp ")[0]
    return index.lookup(f"{head} {' '.join(words)}")


@dataclass
class _Group:
    """Cuts that form one written name, and whether it runs on from the name before with no separator."""

    cuts: list[Cut]
    runs_on: bool
    expanded: str | None = None  # the full name of an elliptic "cấp xã" after "UBND cấp huyện,"


def _groups(cuts: list[Cut], index: AgencyIndex) -> list[_Group]:
    groups: list[_Group] = []
    after_connector = False
    previous_known: str | None = None
    for cut in cuts:
        if cut.canonical is None and fold(cut.text) in _CONNECTORS:
            after_connector = True  # a lone "và" separates two names
            continue
        glued = cut.glued and not after_connector
        after_connector = False
        expanded = None if cut.canonical else _shared_head(cut.text, previous_known, index)
        last = groups[-1] if groups else None
        if (
            expanded is None
            and last is not None
            and glued
            and last.expanded is None
            and (cut.canonical is None or last.cuts[-1].canonical is None)
        ):
            last.cuts.append(cut)  # unknown words glued to a name belong to it: "Sở Tư pháp tỉnh Gia Lai"
        else:
            groups.append(_Group([cut], glued and last is not None, expanded))
        previous_known = cut.canonical or expanded
    return groups


def _names_in_piece(piece: str, index: AgencyIndex, bulleted: bool) -> list[WrittenName]:
    words, cuts = cut_words(piece, index)
    spans = _offsets(piece, words)
    names: list[WrittenName] = []
    previous: _Group | None = None
    for group in _groups(cuts, index):
        text = _span(piece, spans, group.cuts[0].start, group.cuts[-1].stop)
        known = len(group.cuts) == 1 and group.cuts[0].canonical is not None
        if group.expanded:
            names.append(WrittenName(group.expanded))
        elif known:
            run_on = group.runs_on and previous is not None and len(previous.cuts) == 1 and bool(
                previous.cuts[0].canonical
            )
            if run_on:
                names[-1] = WrittenName(str(names[-1]), run_together=True)
            names.append(WrittenName(text, run_together=run_on))
        else:
            names.extend(WrittenName(name) for name in _split_unknown(text, bulleted))
        previous = group
    return names


def split_agencies(cell: str, index: AgencyIndex | pd.DataFrame | None = None) -> list[str]:
    """Split one agency cell into the names it holds, in order, as written (trimmed, NFC).

    Names cut apart from two run together are `WrittenName`s with
    `run_together=True`; `resolve_agencies` reports them as such.
    """
    table = _table(index)
    names: list[str] = []
    for piece, bulleted in _pieces(cell):
        names.extend(_names_in_piece(piece, table, bulleted))
    return names


# --- resolving ---------------------------------------------------------------------------------------------------


# A note on the agency's role in brackets: "Sở Nội vụ (chủ trì)", "Sở Tư pháp (cơ quan thường trực)".
_ROLE_NOTE = re.compile(
    r"\s*\((?:cơ quan |đơn vị )?(?:chủ trì|phối hợp|thường trực|đầu mối|tham mưu)[^)]*\)\s*$", re.IGNORECASE
)


def _by_rule(written: str, table: AgencyIndex) -> str | None:
    """A known agency with its role in brackets, or a department followed by its province ("Sở Tư pháp tỉnh")."""
    role = _ROLE_NOTE.search(written)
    if role and written[: role.start()].strip():
        return table.lookup(written[: role.start()]) or _by_rule(written[: role.start()].strip(), table)
    match = _PROVINCE_SUFFIX.match(written)
    if not match:
        return None
    province = match.group("name")
    if province and not (match_province(province, eras.ERA_63) or match_province(province, eras.ERA_34)):
        return None
    with_unit = table.lookup(f"{match.group('head')} {match.group('unit')}")
    return with_unit or table.lookup(match.group("head"))


def _closest(written: str, table: AgencyIndex) -> tuple[str | None, float]:
    """The canonical name whose spelling is most similar to `written`, and the similarity (0..1).

    A name that opens with a known name ("Sở Nội vụ (Ban Thi đua - Khen
    thưởng)") is closest to that one, whatever the similarity of the rest.
    """
    target = compact_key(written)
    _, cuts = cut_words(written, table)
    if cuts and cuts[0].canonical and cuts[0].start == 0:
        ratio = difflib.SequenceMatcher(None, compact_key(cuts[0].text), target, autojunk=False).ratio()
        return cuts[0].canonical, round(ratio, 2)
    best: tuple[str | None, float] = (None, 0.0)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(target)
    for key, name in table.by_key.items():
        matcher.set_seq1(key)
        if matcher.real_quick_ratio() <= best[1] or matcher.quick_ratio() <= best[1]:
            continue
        ratio = matcher.ratio()
        if ratio > best[1]:
            best = (name, ratio)
    return best[0], round(best[1], 2)


def guess_level(written: str) -> str | None:
    """The level a new name's words say: "cấp xã" -> commune, "cấp huyện" -> district, "tỉnh" -> province.

    An explicit "cấp ..." decides first; then the unit named ("thị xã",
    "huyện", "quận" before "xã", "phường", "thị trấn"; "tỉnh", "thành phố").
    Words typed without diacritics are read only where unambiguous ("cap xa").
    """
    words = f" {nfc(written).lower()} "
    folded = f" {fold(written)} "
    rules = (
        ("commune", (" cấp xã ",), (" cap xa ",)),
        ("district", (" cấp huyện ",), (" cap huyen ",)),
        ("province", (" cấp tỉnh ",), (" cap tinh ",)),
        ("district", (" thị xã ", " huyện ", " quận "), ()),
        ("commune", (" xã ", " phường ", " thị trấn ", " đặc khu "), ()),
        ("province", (" tỉnh ", " thành phố "), ()),
    )
    for level, marked, plain in rules:
        if any(w in words for w in marked) or any(w in folded for w in plain):
            return level
    return None


def _parts(written: str, table: AgencyIndex) -> tuple[str, ...]:
    """The agencies a written name holds when it is two names run together, else ()."""
    _, cuts = cut_words(written, table)
    if len(cuts) < 2 or not any(c.canonical for c in cuts):
        return ()
    if all(c.canonical for c in cuts):
        return tuple(c.canonical or c.text for c in cuts)
    # A known name glued to unknown words that open a name of their own ("Sở Tư pháp Hội Luật gia").
    unknown = [c for c in cuts if c.canonical is None]
    if all(fold(c.text + " ").startswith(_HEADS) and c.text[:1].isupper() for c in unknown):
        return tuple(c.canonical or c.text for c in cuts)
    return ()


def resolve_agencies(names: Sequence[str], index: AgencyIndex | pd.DataFrame | None = None) -> list[AgencyName]:
    """Resolve each written name against the agency table (the default table when `index` is None)."""
    table = _table(index)
    resolved: list[AgencyName] = []
    for name in names:
        written = nfc(str(name)).strip(_EDGES)
        canonical = table.lookup(written) or _by_rule(written, table)
        if canonical:
            status = "run_together" if getattr(name, "run_together", False) else "known"
            resolved.append(AgencyName(written, canonical, status, table.levels.get(canonical) or None))
            continue
        parts = _parts(written, table)
        closest, similarity = _closest(written, table)
        if parts:
            resolved.append(AgencyName(written, None, "run_together", None, closest, similarity, parts))
        elif similarity >= LIKELY_ALIAS:
            resolved.append(
                AgencyName(written, None, "likely_alias", table.levels.get(closest or "") or None, closest, similarity)
            )
        else:
            resolved.append(AgencyName(written, None, "new", guess_level(written), closest, similarity))
    return resolved


def read_agencies(cell: str, index: AgencyIndex | pd.DataFrame | None = None) -> list[AgencyName]:
    """Split a cell and resolve each name: `resolve_agencies(split_agencies(cell))` with one table."""
    table = _table(index)
    return resolve_agencies(split_agencies(cell, table), table)


def level_in_force(level: str | None, year: int) -> bool:
    """False for a district-level body in a plan of a year after the July 2025 reform abolished districts.

    A plan of 2025 itself may have been issued before or after 1 July, so its
    districts are accepted.
    """
    return not (level == "district" and year > eras.MERGER_DATE.year)


def describe_agency(agency: AgencyName, lang: str, year: int | None = None) -> str:
    """What the agency list makes of one written name, for the preview, with the level where known."""
    if agency.status == "known":
        text = i18n.t("pl_status_known", lang, name=agency.canonical)
    elif agency.status == "run_together" and agency.canonical:
        text = i18n.t("pl_status_run_together_part", lang, name=agency.canonical)
    elif agency.status == "run_together":
        text = i18n.t("pl_status_run_together", lang, parts=i18n.join(list(agency.parts), lang))
    else:
        text = i18n.t(
            f"pl_status_{agency.status}",
            lang,
            closest=agency.closest or "",
            similarity=round(agency.similarity * 100),
        )
    if agency.level:
        text = f"{text} ({i18n.t(f'pl_level_{agency.level}', lang)})"
    if year is not None and not level_in_force(agency.level, year):
        text = f"{text} {i18n.t('pl_level_gone', lang, year=year)}"
    return text
