"""Bounds on reading an uploaded workbook, checked on the zip's members before any XML parser sees them.

An .xlsx file is a zip of XML parts.  A small upload can unzip to hundreds of
megabytes (very wide rows, a huge shared-strings table) and keep a parser busy
for minutes.  `inspect_xlsx` streams every member once, counting what it
unzips to, and refuses the file at the first bound it exceeds:

- the number of parts, and the unzipped size of each part and of all parts;
- the number of cells (`<c>` elements) in the workbook, and the widest column used;
- the number of entries in the shared-strings table (`<si>` elements).

The time and memory a parse may take are bounded separately by running it in a
child process (`lib.ingest.sandbox`).  Each bound names what to do about it:
the messages are the catalogue's `vd_limit_<bound>` (`lib.domain.i18n`).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

MB = 2**20
MAX_PARTS = 1_000  # a workbook saved by Excel has a few dozen
MAX_PART_BYTES = 25 * MB  # the official 2011-2019 workbook's largest part is 0.2 MB
MAX_UNZIPPED_BYTES = 100 * MB
MAX_CELLS = 300_000  # the official workbook holds 22 000; a 20 000-row template 120 000
MAX_COLUMNS = 1_000  # column ALL; PAPI sheets use about 40
MAX_SHARED_STRINGS = 100_000  # the official workbook has 212
PARSE_SECONDS = 60.0  # wall clock for reading and checking one file
PARSE_MEMORY_BYTES = 1024 * MB  # address space a check may add to its process

_CHUNK = 1 * MB
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_CELL_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\s[^>]*?\br=\"([A-Z]{1,3})[0-9]+\"")
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"[^>]*?\b(?:\w+:)?id=\"([^\"]*)\"")
_REL = re.compile(rb"<Relationship\b[^>]*?\bId=\"([^\"]*)\"[^>]*?\bTarget=\"([^\"]*)\"")
_REL_REVERSED = re.compile(rb"<Relationship\b[^>]*?\bTarget=\"([^\"]*)\"[^>]*?\bId=\"([^\"]*)\"")


@dataclass(frozen=True)
class Exceeded:
    """A bound an upload went over: which one, its limit, how far the file went, and where."""

    bound: str  # parts, part_size, unzipped_size, cells, columns, shared_strings, time, memory
    limit: str
    actual: str
    part: str = ""  # the zip member (e.g. xl/worksheets/sheet1.xml)
    sheet: str = ""  # the worksheet's name, when the part is one


def column_number(letters: bytes | str) -> int:
    """Return the 1-based number of an Excel column: "A" -> 1, "AB" -> 28, "XFD" -> 16384."""
    number = 0
    for letter in letters if isinstance(letters, str) else letters.decode("ascii"):
        number = number * 26 + ord(letter) - 64
    return number


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Return {part name: sheet name} from the workbook and its relationships (small parts only)."""
    def small(name: str) -> bytes:
        try:
            info = archive.getinfo(name)
        except KeyError:
            return b""
        return archive.read(info) if info.file_size <= MB else b""

    try:
        book = small("xl/workbook.xml")
        rels = small("xl/_rels/workbook.xml.rels")
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return {}
    targets = {rid: target for rid, target in _REL.findall(rels)}
    targets.update({rid: target for target, rid in _REL_REVERSED.findall(rels)})
    names: dict[str, str] = {}
    for name, rid in _SHEET.findall(book):
        target = targets.get(rid)
        if target is None:
            continue
        path = target.decode("utf-8", "replace").lstrip("/")
        if not path.startswith("xl/"):
            path = "xl/" + path
        names[path] = name.decode("utf-8", "replace")
    return names


def inspect_xlsx(data: bytes) -> Exceeded | None:
    """Return the first bound the workbook in `data` exceeds, or None when it is within every bound.

    Raises `zipfile.BadZipFile` (or another error of `zipfile`) for a damaged zip.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            return Exceeded("parts", str(MAX_PARTS), str(len(infos)))
        sheets = _sheet_names(archive)
        # Declared sizes first: zipfile never returns more than a member declares.
        total = 0
        for info in infos:
            if info.file_size > MAX_PART_BYTES:
                return Exceeded("part_size", _mb(MAX_PART_BYTES), _mb(info.file_size), info.filename,
                                sheets.get(info.filename, ""))
            total += info.file_size
        if total > MAX_UNZIPPED_BYTES:
            return Exceeded("unzipped_size", _mb(MAX_UNZIPPED_BYTES), _mb(total))
        cells = shared = 0
        for info in infos:
            unzipped = widest = 0
            carry = b""
            with archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    unzipped += len(chunk)
                    if unzipped > MAX_PART_BYTES:
                        return Exceeded("part_size", _mb(MAX_PART_BYTES), f"> {_mb(unzipped)}", info.filename,
                                        sheets.get(info.filename, ""))
                    text = carry + chunk
                    cut = text.rfind(b">") + 1  # scan whole tags; keep the unfinished one for the next chunk
                    text, carry = text[:cut], text[cut:]
                    cells += len(_CELL.findall(text))
                    shared += len(_SHARED_STRING.findall(text))
                    refs = _CELL_REF.findall(text)
                    if refs:
                        widest = max(widest, max(column_number(r) for r in refs))
                    if widest > MAX_COLUMNS:
                        last = max(refs, key=lambda r: (len(r), r)).decode("ascii")
                        return Exceeded("columns", str(MAX_COLUMNS), f"{last} ({widest})", info.filename,
                                        sheets.get(info.filename, ""))
                    if cells > MAX_CELLS:
                        return Exceeded("cells", str(MAX_CELLS), f"> {MAX_CELLS}", info.filename,
                                        sheets.get(info.filename, ""))
                    if shared > MAX_SHARED_STRINGS:
                        return Exceeded("shared_strings", str(MAX_SHARED_STRINGS), f"> {MAX_SHARED_STRINGS}",
                                        info.filename)
    return None
