"""Actors: curated list ``data/actors.tsv`` (canonical name, aliases, kind, country).

To add an actor, add a line to the TSV: ``canonical<TAB>alias|alias|...<TAB>kind<TAB>country``.
Aliases are written in normal spelling; they are folded (alef/ya/teh marbuta) and matched with
clitics allowed in front (و ف ب ل ك, and "لل" for "ال"), longest alias first.

:func:`find_actors` returns mentions; roles relative to a trigger are decided in
:mod:`arabic.extract.assemble` with :func:`role_for`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .sentences import fold, fold_pattern

__all__ = ["Actor", "ActorMention", "load_actors", "find_actors", "role_for", "KINDS"]

KINDS = ("state", "army", "armed_group", "organisation", "media")
_DATA = Path(__file__).with_name("data") / "actors.tsv"


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    country: str | None


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    actor: Actor
    alias: str  # folded alias that matched
    lam: bool = False  # matched as "لل..." : the first "ل" stands for "ال"

    def display(self, base: str) -> str:
        """The mention as written, clitic removed ("للمرصد السوري" -> "المرصد السوري")."""
        return ("ا" if self.lam else "") + base[self.start : self.end]


def load_actors(path: Path = _DATA) -> dict[str, Actor]:
    """folded alias -> Actor."""
    table: dict[str, Actor] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 4 or parts[2] not in KINDS:
            raise ValueError(f"{path}:{n}: bad actor row {line!r}")
        actor = Actor(parts[0].strip(), parts[2], None if parts[3].strip() in ("", "-") else parts[3].strip())
        for alias in [parts[0], *parts[1].split("|")]:
            a = fold(alias.strip())
            if a:
                table.setdefault(a, actor)
    return table


def _alias_rx(alias: str) -> str:
    """Regex source of a folded alias: literal, any run of whitespace between its words."""
    return re.escape(alias).replace(r"\ ", r"\s+")


def _by_first_char(aliases: list[str]) -> str:
    """Alternation of the literal ``aliases`` (tried in list order), grouped by first letter.

    ``"ab|c|ad"`` becomes ``"a(?:b|d)|c(?:)"``. Two aliases with different first letters
    never match at the same position, so the first alias in list order that matches is
    the same in both forms; the grouped form lets ``re`` reject all aliases of the other
    letters with one character test each, instead of trying every alias in turn.
    """
    groups: dict[str, list[str]] = {}
    for alias in aliases:
        groups.setdefault(alias[0], []).append(_alias_rx(alias[1:]))
    return "|".join(re.escape(c) + "(?:" + "|".join(rest) + ")" for c, rest in groups.items())


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern, dict[str, Actor]]:
    table = load_actors()
    longest_first = sorted(table, key=len, reverse=True)
    # clitics: و/ف, then ب/ك/ل; "لل" stands for "ل" + "ال" (handled by allowing "ل" before "ل...")
    aliases = longest_first + ["ل" + a[2:] for a in longest_first if a.startswith("ال")]
    rx = re.compile(r"(?<!\w)(?:[وف]?[بكل]?)(" + _by_first_char(aliases) + r")(?!\w)")
    return rx, table


def find_actors(folded: str) -> list[ActorMention]:
    rx, table = _compiled()
    out = []
    for m in rx.finditer(folded):
        key = re.sub(r"\s+", " ", m.group(1))
        actor = table.get(key)
        lam = False
        if actor is None:  # "للمرصد" matched as "لمرصد" -> "المرصد"
            actor, lam = table.get("ا" + key), True
        if actor is None:
            continue
        out.append(ActorMention(m.start(1), m.end(1), actor, key, lam))
    return out


# --------------------------------------------------------------------------- roles
def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s)


_TARGET_BEFORE = frozenset(fold_pattern(w) for w in (
    "على ضد استهدف استهدفت تستهدف يستهدف استهدافا استهداف مواقع معاقل تجمعات تجمع عناصر مقرات مقر "
    "مسلحي مقاتلي ضد مخازن آليات اليات مواقعا تحصينات اهدافا أهداف اهداف لـ"
).split())
_INITIATOR_AFTER_TRIGGER = frozenset(fold_pattern(w) for w in "شنها شنته نفذها نفذته قبل بواسطة يد شنتها نفذتها".split())
_PARTICIPANT_BEFORE = frozenset(fold_pattern(w) for w in "مع بين وبين".split())
_CONTROL = re.compile(fold_pattern(r"(?:سيطرة|لسيطرة|تسيطر عليها|يسيطر عليها|تسيطر عليه|يسيطر عليه|الخاضعة|خاضعة|الخاضع|خاضع|باسم|المتحدث|متحدث)\s*$"))


def role_for(folded: str, mention: ActorMention, trig_start: int, trig_end: int, clause_start: int) -> str | None:
    """Role of an actor mention relative to a trigger in the same sentence.

    before the trigger: preceded by على/ضد/استهدف/مواقع... -> target; by مع/بين -> participant;
    otherwise the subject -> initiator. After the trigger: right after it (construct state,
    "غارات التحالف", "هجوم الجيش السوري") or after شنها/نفذها/من قبل -> initiator; after
    على/ضد/استهدف/مواقع -> target; after مع/بين -> participant; else None.
    Mentions governed by "سيطرة"/"تسيطر عليها"/"المتحدث باسم" get None (they qualify a place
    or a speaker, not the event).
    """
    pre = folded[max(clause_start, mention.start - 40) : mention.start]
    if _CONTROL.search(pre):
        return None
    pw = _words(pre)
    last = pw[-1] if pw else ""
    last2 = pw[-2] if len(pw) > 1 else ""
    if last in _TARGET_BEFORE or last2 in ("على", "ضد") and last in _TARGET_BEFORE | {"مواقع", "مقر"}:
        return "target"
    if last in _PARTICIPANT_BEFORE or last2 in _PARTICIPANT_BEFORE and last in ("وفد", "ممثلي", "ممثلين"):
        return "participant"
    if mention.end <= trig_start:
        return "initiator"
    between = _words(folded[trig_end : mention.start])
    if len(between) <= 1 and not (between and between[0] in _TARGET_BEFORE):
        return "initiator"
    if between and (between[-1] in _INITIATOR_AFTER_TRIGGER or (len(between) > 1 and between[-2] == "من" and between[-1] == "قبل")):
        return "initiator"
    if last2 in _TARGET_BEFORE:
        return "target"
    return None
