"""Generate a fictional corpus with gold annotations, in the same layout as data/.

    python -m benchmarks.make_corpus --articles N --out DIR [--seed S] [--start YYYY-MM-DD] [--story LABEL]
                                     [--into CORPUS]

Invented states, people, bodies and quotes (no real person). Articles have the
seed's length and annotation density: about 2,300 characters, 40 mentions,
20 statements and 4 deadlines each, so benchmarks measure real work.
Articles are dated over the 365 days from --start (default 2031-01-01); with
--story each annotation carries that story label, so a generated story can
sit beside another in one corpus: --into CORPUS then adds the generated
articles and annotations to that corpus folder and appends the actors and
topics it lacks to its actors.yaml and topics.yaml.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

import yaml

from helpers.core.anchoring import find_all

STATES = [("Valdoria", "Valdorian", "Harbourton"), ("Kestrel Republic", "Kestrelian", "Northgate"),
          ("Ostravia", "Ostravian", "Lindmark"), ("Pellmora", "Pellmoran", "Saltreach"),
          ("Quintara", "Quintaran", "Ambergate"), ("Rovenland", "Rovenian", "Greyhaven"),
          ("Sarvosa", "Sarvosan", "Eastwick"), ("Tollmere", "Tollmerian", "Brightwater")]
FIRST = ["Amara", "Teodor", "Ilsa", "Marek", "Soren", "Lucia", "Emil", "Noor", "Petra", "Anton", "Vera",
         "Casimir"]
LAST = ["Voss", "Lind", "Marrow", "Kessler", "Thale", "Orvik", "Brandt", "Sallow", "Quill", "Dunmore",
        "Ferren", "Holt",
        "Arden", "Blackwood", "Carrow", "Destin"]  # one surname a person: surnames are aliases
VERSION = "2"
# libyaml's emitter: 100,000 files in minutes, not an hour
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
TITLES = ["President", "Foreign Minister", "Prime Minister", "Defence Minister"]
BODIES = ["Northern Accord Council", "Maritime Assembly", "Coastal Monitoring Mission"]
QUOTES = ["We are ready to talk, but not under pressure", "Our patience is not endless",
          "The region needs calm and a clear timetable", "We came here in good faith",
          "Nobody gains from another winter of fighting", "The door to dialogue remains open",
          "We will not accept terms written elsewhere", "Every day of delay costs lives"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


def registry(rng: random.Random) -> tuple[list[dict], list[dict], list[dict]]:
    states = [{"id": f"s{i}", "name": n, "kind": "state", "country": None, "role": None,
               "aliases": [n, dem, cap]}
              for i, (n, dem, cap) in enumerate(STATES)]
    people = []
    for i, state in enumerate(states):
        for j in range(2):
            first, last = FIRST[(2 * i + j) % len(FIRST)], LAST[2 * i + j]
            title = TITLES[(i + j) % len(TITLES)]
            people.append({"id": f"p{i}{j}", "name": f"{first} {last}", "kind": "person", "country": None,
                           "role": f"{title} of {state['name']}", "aliases": [last, f"{first} {last}"],
                           "_title": f"{STATES[i][1]} {title}", "_state": state["id"]})
    bodies = [{"id": f"b{i}", "name": n, "kind": "organisation", "country": None, "role": None,
               "aliases": [n]}
              for i, n in enumerate(BODIES)]
    return states, people, bodies


class Article:
    def __init__(self):
        self.text = ""
        self.mentions: list[tuple[str, int, int]] = []
        self.statements: list[dict] = []
        self.deadlines: list[dict] = []

    def add(self, *parts):
        """Append parts: plain strings, or (words, kind, data) to remember where they land."""
        spans = {}
        for part in parts:
            if isinstance(part, str):
                self.text += part
                continue
            words, kind, data = part
            start = len(self.text)
            self.text += words
            spans.setdefault(kind, []).append((start, len(self.text), data))
            if kind == "mention":
                self.mentions.append((data, start, len(self.text)))
        return spans


def article(rng: random.Random, states, people, bodies, day: dt.date) -> Article:
    a, b = rng.sample(states, 2)
    pa = [p for p in people if p["_state"] == a["id"]]
    pb = [p for p in people if p["_state"] == b["id"]]
    body = rng.choice(bodies)
    art = Article()
    a_cap = a["aliases"][2]
    title = f"{a['name']} Signals Openness to Talks as {b['name']} Weighs Its Reply"
    art.add("Connect with us\n\nWorld\n\n")
    art.add((title.split(" Signals")[0], "mention", a["id"]), " Signals Openness to Talks as ",
            (b["name"], "mention", b["id"]), " Weighs Its Reply\n\n")
    month = MONTHS[day.month - 1]
    last_person = None

    def person(p, full=False):
        words = f"{p['_title']} {p['name']}" if full else p["aliases"][0]
        return (words, "mention", p["id"])

    for k in range(28):
        p = rng.choice(pa if k % 2 == 0 else pb)
        other = b if p["_state"] == a["id"] else a
        own = a if other is b else b
        lead = f"{a_cap.upper()} – " if k == 0 else ""
        choice = k % 6
        if choice == 0:
            s = art.add(lead, person(p, k < 2), " said on ", f"{month} {day.day}", " that ",
                        ("", "words_start", None), (own["name"], "mention", own["id"]),
                        " is willing to resume talks with ", (other["name"], "mention", other["id"]),
                        ("", "words_end", None), ". ")
            _statement(art, s, p["id"], "reported", "said", said_on=day)
        elif choice == 1:
            quote = rng.choice(QUOTES)
            s = art.add("“", (quote, "quote", None), ",” ", person(p), " ", ("told", "cue", None),
                        " reporters. ")
            _statement(art, s, p["id"], "direct", None)
        elif choice == 2:
            n = rng.choice([7, 10, 14, 30])
            s = art.add(person(p), " ", ("urged", "cue", None), " ", ("", "words_start", None),
                        (other["name"], "mention", other["id"]), " to agree to a ceasefire ",
                        (f"within {n} days", "deadline", n), ("", "words_end", None), ". ")
            _statement(art, s, p["id"], "reported", None, addressee=other["id"])
            _deadline(art, s, p["id"], other["id"], day, n)
        elif choice == 3:
            due = day + dt.timedelta(days=rng.choice([5, 9, 12]))
            s = art.add("The ", (body["name"], "mention", body["id"]), " ", ("stated", "cue", None), " that ",
                        ("", "words_start", None), "monitors would report to ",
                        (own["name"], "mention", own["id"]), " by the deadline of ",
                        (f"{MONTHS[due.month - 1]} {due.day}", "date", due), ("", "words_end", None), ". ")
            _statement(art, s, body["id"], "reported", None)
            _deadline(art, s, body["id"], own["id"], None, None, due=due, date_words=True)
        elif choice == 4 and last_person:
            s = art.add(("He", "mention", last_person), " ", ("added", "cue", None), " that ",
                        ("", "words_start", None), "the talks in ", other["aliases"][2],
                        " should continue without delay", ("", "words_end", None), ". ")
            _statement(art, s, last_person, "reported", None)
            continue
        else:
            s = art.add((own["aliases"][1], "mention", own["id"]), " officials ", ("confirmed", "cue", None),
                        " that ", ("", "words_start", None), "a prisoner exchange with ",
                        (other["name"], "mention", other["id"]), " was agreed", ("", "words_end", None), ". ")
            _statement(art, s, own["id"], "reported", None)
        last_person = p["id"]
        if k % 4 == 3:
            art.add("\n\n")
    art.title = title
    return art


def _statement(art, spans, speaker, mode, cue_words, said_on=None, addressee=None):
    if mode == "direct":
        start, end, _ = spans["quote"][0]
    else:
        start, end = spans["words_start"][0][0], spans["words_end"][0][0]
    cue = spans["cue"][0][:2] if "cue" in spans else None
    if cue is None and cue_words:
        hits = [h for h in find_all(art.text, cue_words) if h[0] < start]
        cue = hits[-1] if hits else None
    art.statements.append({"speaker": speaker, "mode": mode, "start": start, "end": end, "cue": cue,
                           "said_on": said_on, "addressee": addressee})


def _deadline(art, spans, set_by, addressee, issued, days, due=None, date_words=False):
    start, end, _ = spans["date" if date_words else "deadline"][0]
    art.deadlines.append({"set_by": set_by, "addressee": addressee, "start": start, "end": end,
                          "issued": issued, "days": days, "due": due, "statement": len(art.statements)})


def _span(text, start, end):
    words = text[start:end]
    hits = find_all(text, words)
    return words if len(hits) == 1 else {"text": words, "occurrence": hits.index((start, end)) + 1}


def annotation(art: Article, name: str, day: dt.date, story: str | None = None) -> dict:
    groups: dict[str, list] = {}
    for actor, s, e in art.mentions:
        groups.setdefault(actor, []).append(_span(art.text, s, e))
    statements = []
    for i, st in enumerate(art.statements, 1):
        entry = {"id": f"S{i}", "speaker": st["speaker"], "mode": st["mode"]}
        if st["addressee"]:
            entry["addressee"] = st["addressee"]
        if st["cue"]:
            entry["cue"] = _span(art.text, *st["cue"])
        entry["words"] = _span(art.text, st["start"], st["end"])
        if st["said_on"]:
            entry["said_on"] = st["said_on"].isoformat()
        entry["topics"] = ["talks"]
        statements.append(entry)
    deadlines = []
    for i, d in enumerate(art.deadlines, 1):
        entry = {"id": f"D{i}", "set_by": d["set_by"], "addressee": d["addressee"],
                 "expression": _span(art.text, d["start"], d["end"]), "statement": f"S{d['statement']}"}
        if d["due"]:
            entry["due"] = d["due"].isoformat()
        else:
            entry["issued"] = d["issued"].isoformat()
            entry["due"] = {"from": "issued", "days": d["days"]}
        deadlines.append(entry)
    metadata = {"published": day.isoformat(), "published_basis": "Fictional."}
    if story:
        metadata["story"] = story
    return {"article": f"articles/{name}.txt",
            "layout": {"furniture": ["Connect with us"], "section": "World", "title": art.title},
            "metadata": metadata,
            "mentions": [{"actor": a, "spans": s} for a, s in groups.items()],
            "statements": statements, "deadlines": deadlines}


FIRST_DAY = dt.date(2031, 1, 1)


def make_corpus(n: int, out: Path, seed: int = 0, start: dt.date = FIRST_DAY,
                story: str | None = None) -> Path:
    rng = random.Random(seed)
    states, people, bodies = registry(rng)
    out = Path(out)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "annotations").mkdir(exist_ok=True)
    actors = [{k: v for k, v in a.items() if not k.startswith("_")} for a in states + people + bodies]
    (out / "actors.yaml").write_text(yaml.safe_dump(actors, sort_keys=False, allow_unicode=True),
                                     encoding="utf-8")
    (out / "topics.yaml").write_text(yaml.safe_dump([{"id": "talks", "label": "Talks"}]), encoding="utf-8")
    extra = (f", start {start.isoformat()}" if start != FIRST_DAY else "") + (f", story {story}" if story
                                                                              else "")
    (out / "GENERATED").write_text(f"benchmarks.make_corpus version {VERSION}, seed {seed}{extra}\n",
                                   encoding="utf-8")
    for i in range(n):
        day = start + dt.timedelta(days=rng.randrange(365))
        art = article(rng, states, people, bodies, day)
        name = f"{i:06d}"
        (out / "articles" / f"{name}.txt").write_text(art.text, encoding="utf-8")
        ann = annotation(art, name, day, story)
        (out / "annotations" / f"{name}.yaml").write_text(
            yaml.dump(ann, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return out


def add_to_corpus(generated: Path, folder: Path) -> list[str]:
    """Copy a generated corpus's articles and annotations into ``folder``, appending the actors and topics it
    lacks.

    Registry entries are appended as text, so the folder's own entries and comments stay as written. An
    article name or an actor id that ``folder`` already uses differently is refused before anything is
    written.
    """
    generated, folder = Path(generated), Path(folder)
    names = sorted(p.name for p in (generated / "articles").glob("*.txt"))
    clashes = [f"{sub}/{p.name}" for sub in ("articles", "annotations")
               for p in sorted((generated / sub).iterdir())
               if (folder / sub / p.name).exists()]
    additions = {}
    for registry in ("actors.yaml", "topics.yaml"):
        have = {e.get("id"): e for e in yaml.safe_load((folder / registry).read_text(encoding="utf-8")) or []
                if isinstance(e, dict)}
        new = yaml.safe_load((generated / registry).read_text(encoding="utf-8"))
        clashes += [f"{registry}: {e['id']}" for e in new if e["id"] in have and have[e["id"]] != e]
        additions[registry] = [e for e in new if e["id"] not in have]
    if clashes:
        raise ValueError(f"{folder} already has {', '.join(clashes)}; nothing was added")
    for registry, entries in additions.items():
        path = folder / registry
        text = path.read_text(encoding="utf-8")
        if entries:
            path.write_text(text + ("" if text.endswith("\n") else "\n")
                            + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for sub in ("articles", "annotations"):
        (folder / sub).mkdir(exist_ok=True)
        for path in sorted((generated / sub).iterdir()):
            (folder / sub / path.name).write_bytes(path.read_bytes())
    return [n.removesuffix(".txt") for n in names]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=dt.date.fromisoformat, default=FIRST_DAY, metavar="YYYY-MM-DD",
                        help="first day of the year the articles are dated in (default %(default)s)")
    parser.add_argument("--story", default=None, metavar="LABEL",
                        help="story label written in every annotation")
    parser.add_argument("--into", default=None, metavar="CORPUS",
                        help="then add the generated articles to this corpus folder, registries merged")
    args = parser.parse_args(argv)
    out = Path(args.out)
    if (out / "annotations").exists() and any((out / "annotations").iterdir()):
        print(f"{out} already holds a corpus; give an empty or new folder", file=sys.stderr)
        return 1
    make_corpus(args.articles, out, args.seed, args.start, args.story)
    print(f"wrote {args.articles} articles with annotations to {out}")
    if args.into:
        try:
            added = add_to_corpus(out, Path(args.into))
        except ValueError as err:
            print(err, file=sys.stderr)
            return 1
        print(f"added {len(added)} articles to {args.into}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
