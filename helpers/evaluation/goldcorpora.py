"""Readers for the public gold corpora used to measure the drafter (never bundled)."""
from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDoc:
    name: str
    dct: str
    text: str
    timexes: list[Timex] = field(default_factory=list)


def read_timeml(path: Path) -> TimeMLDoc:
    """Raw text of <TEXT> (tags stripped, entities unescaped) with the gold TIMEX3 offsets."""
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    dct = dct_node.get("value") if dct_node is not None else ""
    text_node = root.find("TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []
    pos = 0

    def walk(node, top: bool):
        nonlocal pos
        if not top:
            start = pos
            inner = "".join(node.itertext())
            if node.tag == "TIMEX3":
                timexes.append(Timex(start, start + len(inner), inner, node.get("type", ""),
                                     node.get("value", "")))
            if node.tag == "TIMEX3" or not len(node):
                parts.append(inner)
                pos += len(inner)
            else:
                if node.text:
                    parts.append(node.text)
                    pos += len(node.text)
                for child in node:
                    walk(child, False)
            if node.tail:
                parts.append(node.tail)
                pos += len(node.tail)
            return
        if node.text:
            parts.append(node.text)
            pos += len(node.text)
        for child in node:
            walk(child, False)

    walk(text_node, True)
    return TimeMLDoc(path.stem, dct, "".join(parts), timexes)


def timeml_corpus(folder: Path) -> list[TimeMLDoc]:
    return [read_timeml(p) for p in sorted(Path(folder).rglob("*.tml"))]


@dataclass
class Attribution:
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int]


@dataclass
class PolnearDoc:
    name: str
    date: str
    text: str
    attributions: list[Attribution] = field(default_factory=list)


def outer_span(spec: str) -> tuple[int, int]:
    """BRAT offsets 'a b;c d' (discontinuous) taken to their outer bounds."""
    nums = [int(x) for piece in spec.split(";") for x in piece.split()]
    return min(nums), max(nums)


def read_brat(path: Path) -> list[Attribution]:
    spans, out = {}, []
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        # a span whose text holds a line break goes on in a line of its own, without tabs
        if line.startswith("T") and "\t" in line:
            tid, info, *_ = line.split("\t")
            label, _, offsets = info.partition(" ")
            spans[tid] = (label, outer_span(offsets))
    for line in lines:
        if line.startswith("E"):
            _, info = line.split("\t")[:2]
            roles = dict(part.split(":") for part in info.split())
            role_span = {}
            for role, tid in roles.items():
                role = role.rstrip("0123456789")
                if tid in spans:
                    role_span.setdefault(role, spans[tid][1])
            if "Content" in role_span:
                out.append(Attribution(role_span.get("Source"), role_span.get("Cue"), role_span["Content"]))
    return out


def polnear_corpus(folder: Path) -> list[PolnearDoc]:
    folder = Path(folder)
    dates = {}
    with open(folder / "metadata.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            dates[row["filename"]] = row["publication_date"]
    docs = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(text_path.stem + "_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        docs.append(PolnearDoc(text_path.stem, dates.get(text_path.stem, ""), text, read_brat(anns[0])))
    return docs
