"""Whether a document is still in force, from what the documents themselves say.

Two sources, both stated, never guessed:

- the document's own record: a collection's notes at its head (``<!-- STATUS: 已废止 -->``,
  ``<!-- EFFECTIVE_TO: 2025-06-23 -->``, as 国家法律法规数据库 copies carry them), or its title
  marked "（已废止）";
- a later document of the library that repeals it by name: a law's or a notice's last article
  says "《煤矿安全监察条例》和《国务院关于预防煤矿生产安全事故的特别规定》同时废止" (a rule of the
  genre: 《立法法》 and the 公文 conventions name what a new instrument replaces).

The first is read per document at ingest (pure functions below); the second is a fact about the
library, worked out over all documents' metadata whenever it is asked (``repealed_in``), so a
document added later still marks an older one repealed without re-ingesting it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from planqa.records import DocMeta

# a collection's notes: whole-line HTML comments "KEY: value" before the body
_SOURCE_NOTE = re.compile(r"(?m)^[ \t]*<!--[ \t]*([A-Z][A-Z_]*)[ \t]*[:：][ \t]*(.*?)[ \t]*-->[ \t]*$")
_HEAD_CHARS = 8000  # the notes stand at the head; a law's body may quote anything
# a status word, the most specific first ("部分失效" before "失效", "现行有效" is "有效")
_STATUS_WORDS = (("部分失效", "部分失效"), ("失效", "已失效"), ("废止", "已废止"), ("尚未生效", "尚未施行"),
                 ("未生效", "尚未施行"), ("有效", "现行有效"))
NOT_IN_FORCE = ("已废止", "已失效")
_ISO = re.compile(r"^((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})$")
# names of instruments, one or more ("《A》和《B》", "《A》（X政发〔2015〕12号）、《B》"), then 废止:
# the sentence a new instrument repeals old ones with ("…同时废止", "…予以废止", "…即行废止")
_NAME = r"《[^《》]{2,80}》(?:[（(][^（）()]{0,30}[)）])?"
_REPEALS = re.compile(rf"((?:{_NAME}[、，,和及与]?){{1,8}})[ \t]*(?:同时|一并|即行|予以|也)?废止(?!的|前|后|之)")


def source_notes(raw: str) -> dict[str, str]:
    """KEY → value of the notes at a document's head (``<!-- STATUS: 已废止 -->``); read from the
    text as loaded, since cleaning deletes comment lines."""
    return {m.group(1): m.group(2).strip() for m in _SOURCE_NOTE.finditer(raw[:_HEAD_CHARS])}


def stated_status(notes: dict[str, str], title_said: str = "") -> str:
    """已废止 / 已失效 / 部分失效 / 尚未施行 / 现行有效 as the document's record says it, else ""
    (未识别). ``title_said``: what parentheses after its title said ("已废止", "2016年修正")."""
    for said in (notes.get("STATUS", ""), title_said):
        for word, status in _STATUS_WORDS:
            if word in said and (said is not title_said or status in NOT_IN_FORCE):
                return status
    return ""


def _iso(s: str) -> str:
    m = _ISO.match(s.strip())
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else ""


def noted_dates(notes: dict[str, str], status: str) -> tuple[tuple[str, str], ...]:
    """(event, ISO date) the notes give: when it took effect (施行) and, once repealed, when it
    ceased (废止 / 失效)."""
    out = []
    start = _iso(notes.get("EFFECTIVE_FROM", ""))
    if start:
        out.append(("施行", start))
    end = _iso(notes.get("EFFECTIVE_TO", ""))
    if end and status in NOT_IN_FORCE:
        out.append((status[1:], end))
    return tuple(out)


def repealed_names(text: str) -> tuple[str, ...]:
    """The instruments a text repeals by name, 《》 and 文号 stripped, in order:
    "…《A》和《B》同时废止" → ("A", "B")."""
    out: list[str] = []
    for m in _REPEALS.finditer(text):
        for name in re.findall(r"《((?:[^《》]|《[^《》]*》)+?)》", m.group(1)):
            if name not in out:
                out.append(name)
    return tuple(out)


def work_key(name: str) -> str:
    """A name as compared across documents: 〈〉 and 《》 read alike, the state's formal prefix and
    spaces dropped (《北京市实施〈中华人民共和国防震减灾法〉办法》 ~ 北京市实施《防震减灾法》办法)."""
    s = re.sub(r"[《》〈〉\s　]", "", name)
    return s.replace("中华人民共和国", "")


@dataclass(frozen=True)
class Validity:
    """A document's standing: its status, and the document that repealed it, if one in the library did."""

    status: str = ""  # "" when nothing says (未识别)
    date: str = ""  # ISO date it ceased, when known
    by_doc: str = ""  # the library document that repealed it
    by_title: str = ""


def ceased_on(dates) -> str:
    """The ISO date a document ceased to be in force, from its (event, date) pairs; "" if none says."""
    return next((d for e, d in dates if e in ("废止", "失效")), "")


def _when(m: DocMeta) -> str:
    """The latest date a document's head records (its version), else its year."""
    dates = sorted(d for _, d in m.dates)
    return dates[-1] if dates else (f"{m.year_from:04d}" if m.year_from else "")


def repealed_in(metas: dict[str, DocMeta]) -> dict[str, Validity]:
    """Each document's standing in this library: its own record, or a later document that
    repeals it by name. A document is never repealed by itself, nor by one older than it (a law's
    2010 text repealing "the" 河南省安全生产条例 repeals an earlier text of that name, not a later one)."""
    by_key: dict[str, list[str]] = {}
    for doc, m in metas.items():
        for key in {work_key(m.title), work_key(m.work)} - {""}:
            by_key.setdefault(key, []).append(doc)
    out: dict[str, Validity] = {}
    for doc, m in metas.items():
        if m.status:
            out[doc] = Validity(m.status, ceased_on(m.dates))
    for doc, m in metas.items():
        when = _when(m)
        for name in m.repeals:
            for old in by_key.get(work_key(name), []):
                if old == doc or out.get(old, Validity()).by_doc:
                    continue
                then = _when(metas[old])
                if not when or not then or then[:len(when)] >= when[:len(then)]:
                    continue  # not older than the repealing text, or no dates to tell: not said
                effective = next((d for e, d in m.dates if e == "施行"), "")
                out[old] = Validity("已废止", effective or out.get(old, Validity()).date, doc, m.title)
    return out


def standing_words(status: str, date: str = "", by_title: str = "") -> str:
    """A standing as a person reads it: 已废止（被《煤矿安全生产条例》废止）, 已废止（2025-06-23）, 现行有效."""
    if status and by_title:
        return f"{status}（被《{by_title}》废止）"
    return f"{status}（{date}）" if status and date else status
