"""What a section of a plan, report or law is for: its role in the genre.

Chinese plans, work reports and laws are written to a fixed skeleton: a plan reviews the situation
(形势), its achievements (成绩) and shortcomings (存在问题), states its guiding idea (指导思想,
总体要求, 基本原则), its targets (目标), its tasks (任务, 重点工作, 重点工程) and the safeguards for
carrying them out (保障措施, 组织实施); a law opens with 总则 and closes with 法律责任 and 附则.
A drafter takes tasks only from task sections: a shortcoming listed under 存在问题 is not a task.

Two sources of evidence, both rules of the genre:

- **label headings**: a heading whose whole text (after its number) is a genre label such as
  "存在的主要问题", "第五章保障措施", "三、2026年主要任务", "(二)规划目标到2025年" (a PDF scrape
  glues the heading to its first words). A content heading such as "六、着力强化保障支撑,提升应急
  管理现代化水平" is not a label: it is a task whose subject happens to be 保障. The deepest
  label in the path decides, so "第二章总体要求 > 三、规划思路和目标 > (二)规划目标" is 目标.
- **the text itself**: a passage made of shortcoming phrases (尚不健全, 有待加强, 亟待完善 …) is a
  存在问题 passage, and one that reviews a past period (“十三五”期间…取得…成效) is a 成绩 passage,
  whatever heading a scrambled scrape put above it.

Pure functions; no I/O.
"""
from __future__ import annotations

import re

from planqa.rules import ACHIEVEMENT_FRAME, OPENING_FRAME, PROBLEM_FRAME

SITUATION, ACHIEVEMENT, PROBLEM, GUIDING, TARGET, TASK, SAFEGUARD = "形势", "成绩", "存在问题", "指导思想", "目标", "任务", "保障"
GENERAL_PROVISIONS, LIABILITY, SUPPLEMENTARY, PROVISIONS = "总则", "法律责任", "附则", "分则"
OTHER = "其他"
OPENING = "开头"  # not a role of the genre's skeleton: where a document begins, whatever that part is
# a part as an answer names it ("文件中没有分析存在问题的部分")
PART_NAMES = {PROBLEM: "分析存在问题", ACHIEVEMENT: "回顾成绩"}
ROLES = (SITUATION, ACHIEVEMENT, PROBLEM, GUIDING, TARGET, TASK, SAFEGUARD,
         GENERAL_PROVISIONS, LIABILITY, SUPPLEMENTARY, PROVISIONS, OTHER)

_MARKER = re.compile(r"^\s*(?:#+\s*)?(?:第[一二三四五六七八九十百零\d]+[章节编部分]+|[一二三四五六七八九十]+[、.．]|"
                     r"[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、]|[一二三四五六七八九十]+是|[①-⑳])\s*")
# a label may be preceded by a period ("十四五"时期, 2026年, 今年, 过去一年) and followed, in a PDF
# scrape, by the first words of its text ("规划目标到2025年"): at most this many characters
_LABEL_TAIL = 8
_ONE_PERIOD = r"(?:[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间)?的?|(?:19|20)\d{2}年(?:度)?的?|今年的?|本年度的?|过去(?:一年|五年)的?|近年来)"
# "2025年和“十四五”时期工作回顾": two periods reviewed together
_PERIOD = rf"(?:{_ONE_PERIOD}(?:[和及与、]{_ONE_PERIOD})?)?"
# order matters: the first label that matches decides (存在问题 before 形势, 目标 before 指导思想)
_LABELS: list[tuple[str, str]] = [
    (LIABILITY, r"法律责任|罚则"),
    (SUPPLEMENTARY, r"附则"),
    (GENERAL_PROVISIONS, r"总则"),
    (PROBLEM, r"(?:存在的?)?(?:主要)?(?:问题|短板|不足)(?:和不足|与不足|和短板)?|面临的?(?:主要)?(?:问题|挑战)"),
    (ACHIEVEMENT, r"(?:工作)?回顾|(?:主要)?成[效绩]|(?:发展|主要)?成就|(?:工作)?总结|(?:基本|总体)情况|发展基础|取得的成[效绩]"),
    (SITUATION, r"(?:基本)?现状(?:和|与)?(?:形势)?(?:分析)?|(?:面临的)?(?:形势|发展环境)(?:分析)?|机遇(?:和|与)挑战"),
    (TARGET, r"(?:规划|主要|总体|发展|工作)?目标(?:任务)?|(?:主要)?指标"),
    (GUIDING, r"总体要求|指导思想|基本原则|(?:规划|工作|总体)思路(?:和目标)?|指导方针"),
    (TASK, r"(?:主要|重点|重大)?(?:工作)?任务|重点工作|工作(?:重点|安排|措施)|主要措施|重点(?:工程|项目)(?:项目)?|重大工程"),
    (SAFEGUARD, r"(?:保障|实施)措施|组织实施|(?:规划)?实施保障|保障(?:体系)?|(?:强化|加强)?组织(?:领导|保障)"),
]
_LABEL_RES = [(role, re.compile(rf"^{_PERIOD}(?:{pat})(?P<tail>.*)$")) for role, pat in _LABELS]
# "思路和目标" names both; the target half is a sub-heading of its own when present
_HEADING_SPLIT = re.compile(r"\s*>\s*")

# shortcoming phrases: the vocabulary of a 存在问题 section
_PROBLEM_CUES = re.compile(
    r"尚不(?:健全|完善|充分|到位|明确|统一|平衡)|尚未(?:有效|完全|得到|建立|形成|建成)?|有待(?:进一步)?(?:加强|提升|提高|完善|健全|优化)|"
    r"亟待|亟需|还需(?:不断|进一步)?|仍(?:然)?存在|不够(?:全面|完善|健全|到位|充分|高)?|程度不高|不适应|"
    r"短板|薄弱|滞后|缺位|盲区|差距|不足(?!以)|需要(?:加强|强化|优化|提升)")
# retrospective phrases: the vocabulary of a 成绩 section (past period, results achieved)
_ACHIEVEMENT_CUES = re.compile(
    r"(?:十[一二三四五六七八九]五[”\"]?(?:期间|时期)|过去(?:一年|五年)|(?:19|20)\d{2}年以来|近年来)|取得(?:了)?(?:明显|显著|积极|重要)?(?:成效|进展|成绩)|"
    r"圆满完成|顺利完成|(?:稳步|持续|显著|明显)(?:提升|增强|提高|改善)|初步(?:建立|形成|建成|构建)|期间总体情况|(?:有效|得到)(?:遏制|提升|加强)|"
    r"累计(?:完成|建成|开展|培训|检查)|实现了")
# an implementing-the-plan passage (规划实施, 本规划) belongs to the safeguards, whatever its heading
_SAFEGUARD_CUES = re.compile(r"本规划|规划(?:的)?实施|规划评估|中期评估|实施(?:分工)?方案和跟踪评估")
_GUIDING_CUES = re.compile(r"总体要求是|指导思想是|思想为指导")
_CLAUSE = re.compile(r"[。；;！!？?]")


def heading_text(heading: str) -> str:
    """"(二)规划目标到2025年" → "规划目标到2025年"; "## 第六章  法律责任" → "法律责任"."""
    return _MARKER.sub("", heading.strip(), count=1).strip()


def label_role(heading: str) -> str | None:
    """The role a heading names when it is a genre label, else None (a content heading)."""
    t = re.sub(r"\s+", "", heading_text(heading))
    t = t.strip("“”\"")
    if not t:
        return None
    for role, rx in _LABEL_RES:
        m = rx.match(t)
        if not m:
            continue
        tail = m.group("tail")
        if len(tail) <= _LABEL_TAIL and not re.match(r"[,，、]", tail):
            return role
        # "2025年工作总结和“十四五”发展成就": two labels of one role joined
        if re.match(r"[和及与]", tail) and label_role(tail[1:]) == role:
            return role
    # "“十四五”时期经济社会发展回顾", "2025年工作及“十四五”时期发展回顾": a report's review ends so
    if len(t) <= 24 and re.search(r"(?:回顾|发展成就|工作总结)$", t):
        return ACHIEVEMENT
    return None


def path_role(path: str) -> str | None:
    """The deepest label heading of a section path ("A > B > C") decides; None when no heading is a label."""
    role = None
    for h in _HEADING_SPLIT.split(path or ""):
        r = label_role(h)
        if r:
            role = r
    return role


def text_role(text: str) -> str | None:
    """The role a passage's own words show: 存在问题 or 成绩 when their phrases dominate it, 保障 for a
    passage about implementing the plan itself; None when the text is not decisive."""
    body = re.sub(r"\s+", "", text)
    if not body:
        return None
    clauses = [c for c in _CLAUSE.split(body) if len(c) >= 6]
    n = max(1, len(clauses))
    problems = sum(1 for c in clauses if _PROBLEM_CUES.search(c))
    achievements = sum(1 for c in clauses if _ACHIEVEMENT_CUES.search(c))
    # a task list names a shortcoming now and then ("补齐短板"); a problem section is mostly shortcomings
    if problems >= 2 and problems / n >= 0.4:
        return PROBLEM
    if achievements >= 2 and achievements / n >= 0.4:
        return ACHIEVEMENT
    if _SAFEGUARD_CUES.search(body) and len(_SAFEGUARD_CUES.findall(body)) >= 2:
        return SAFEGUARD
    return None


def section_role(path: str, text: str = "", doc_type: str = "") -> str:
    """The role of a passage: its words first when they are decisive for 存在问题/成绩/保障 (a scrambled
    scrape puts text under the wrong heading), then the deepest label heading of its path, then the
    genre's default for unlabelled sections (a plan's or report's body is tasks, a law's is 分则)."""
    by_text = text_role(text)
    by_path = path_role(path)
    if by_text and by_path not in (GENERAL_PROVISIONS, LIABILITY, SUPPLEMENTARY):
        return by_text
    if by_path:
        return by_path
    if is_law(doc_type, path):
        return PROVISIONS
    if not path:
        # the preamble before the first heading; a work plan often states its guiding idea there
        # ("本市应急管理工作的总体要求是:以习近平新时代中国特色社会主义思想为指导…")
        return GUIDING if _GUIDING_CUES.search(text or "") else OTHER
    return TASK


def is_law(doc_type: str, path: str = "") -> bool:
    """Whether a document type or section path is a law's."""
    return bool(re.search(r"法|条例|规定|办法|细则", doc_type or "")) or bool(re.search(r"第[一二三四五六七八九十百零]+条", path or ""))


def is_task(path: str, text: str = "", doc_type: str = "") -> bool:
    """Whether the section holds tasks."""
    return section_role(path, text, doc_type) == TASK


def in_part(role: str, sentence: str, passage_role: str) -> bool:
    """Whether a sentence of a passage (whose ``section_role`` is ``passage_role``) belongs to the part
    of the plan a question points at: the passage's role is that part, and under 存在问题 the sentence
    itself names a shortcoming (a scrambled scrape mixes a task sentence into it)."""
    return passage_role == role and (role != PROBLEM or bool(_PROBLEM_CUES.search(sentence)))


def asked_role(question: str) -> tuple[str, list[str]]:
    """The part of a plan a question points at ("在分析存在问题时" → 存在问题, "回顾“十三五”时" → 成绩)
    and the words that point (a frame, not a topic); ("", []) when it points at none. A shortcoming
    frame decides over a review one ("回头看“十三五”短板时" asks for the shortcomings), and then the
    shortcoming nouns the question asks for ("有哪些不足") are what every passage of that part is."""
    problems = [m.group(0) for m in PROBLEM_FRAME.finditer(question) if m.group(0)]
    reviews = [m.group(0) for m in ACHIEVEMENT_FRAME.finditer(question) if m.group(0)]
    if problems:
        return PROBLEM, problems + reviews + re.findall(r"不足|短板|薄弱环节", question)
    if reviews:
        return ACHIEVEMENT, reviews
    openings = [m.group(0) for m in OPENING_FRAME.finditer(question) if m.group(0)]
    if openings:
        return OPENING, openings
    return "", []


def is_opening(ordinal: int, path: str) -> bool:
    """Whether a chunk is a document's opening: its first two chunks, or its preamble (no heading yet)."""
    return ordinal <= 1 or not path
