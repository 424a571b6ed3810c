"""Merging two actors, or changing one, across actors.yaml, every annotation and every waiting draft.

Every changed file is built in memory first and checked by the loader in a scratch corpus; only when all of
them validate, and none changed on disk meanwhile, are they written, each whole (``write_atomically``). The
YAML is edited round trip, so the analyst's comments, quotes and layout stay as they were.
"""
from __future__ import annotations

import difflib
import hashlib
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from helpers.core.anchoring import anchor
from helpers.core.atomic import write_atomically
from helpers.core.problems import Problem, printable
from helpers.corpus.files import annotation_files, waiting_drafts
from helpers.corpus.load import read_corpus, validate_file
from helpers.corpus.model import ACTOR_KINDS, IDENTIFIED
from helpers.corpus.roundtrip import dump_text, load_text

ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
KINDS = ("mention group", "statement", "deadline", "new actor")  # what a summary counts, in this order


class ActorEditError(Exception):
    """A refusal, worded as a sentence that says why and what to do; nothing was written."""


class UsageError(ActorEditError):
    """Arguments that ask for nothing, or for something no corpus could hold (exit 2, as argparse's own)."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---- what an edit is ---------------------------------------------------------------------------------------

@dataclass
class FileEdit:
    """One file rewritten: its new text and how many entries of each kind changed in it."""

    path: Path
    text: str
    counts: Counter = field(default_factory=Counter)
    says: str = ""  # for actors.yaml: what changed there, as a phrase


@dataclass
class EditPlan:
    """Every file an edit rewrites, and the digest of every file read to build it (to see changes
    meanwhile)."""

    root: Path
    action: str
    edits: list[FileEdit] = field(default_factory=list)
    digests: dict[Path, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Source:
    """An annotation or draft as read: its text and, when it names the actor at all, its parsed YAML."""

    path: Path
    text: str
    data: object = None


def _naming(actor_id: str) -> re.Pattern:
    # ids are made of [a-z0-9_-]: a whole-id match finds every file that could name the actor, without parsing
    return re.compile(rf"(?<![a-z0-9_-]){re.escape(actor_id)}(?![a-z0-9_-])")


def _parsed(path: Path, text: str):
    try:
        return load_text(text)
    except Exception as err:  # ruamel's errors share no base class worth naming; the message is what counts
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ActorEditError(f"{path} cannot be read as YAML ({first}); nothing was written. Fix it first "
                             f"(python -m helpers validate {path}), then run the command again.") from None


def _read_sources(root: Path, ids: tuple[str, ...], plan: EditPlan) -> list[_Source]:
    """Every annotation and waiting draft; those naming one of ``ids`` parsed. Each file's digest is kept."""
    sources = []
    patterns = [_naming(i) for i in ids]
    for path in [p for p in annotation_files(root) if p.is_file()] + waiting_drafts(root):
        raw = path.read_bytes()
        plan.digests[path] = digest(raw)
        text = raw.decode("utf-8-sig", errors="replace")
        source = _Source(path, text)
        if any(p.search(text) for p in patterns):
            source.data = _parsed(path, text)
        sources.append(source)
    return sources


def _read_registry(root: Path, plan: EditPlan):
    path = root / "actors.yaml"
    if not path.is_file():
        raise ActorEditError(f"{path} is missing or not a file; give the "
                             "corpus folder that holds actors.yaml (--corpus).")
    raw = path.read_bytes()
    plan.digests[path] = digest(raw)
    text = raw.decode("utf-8-sig", errors="replace")
    data = _parsed(path, text)
    if not isinstance(data, CommentedSeq) or not all(isinstance(a, CommentedMap) for a in data):
        raise ActorEditError(f"{path} is not a list of actors (one '- id: …' entry "
                             "after another); nothing was written. Fix it first "
                             "(python -m helpers validate), then run the command again.")
    return text, data


# ---- ids in entries ----------------------------------------------------------------------------------------

def _entries(data, key: str) -> list:
    found = data.get(key) if isinstance(data, dict) else None
    return [e for e in found if isinstance(e, dict)] if isinstance(found, list) else []


def _renamed_ids(entry, key: str, old: str, new: str) -> bool:
    """Replace ``old`` by ``new`` in ``entry[key]``, one id or a list of ids (kept a list, without
    repeats)."""
    value = entry.get(key)
    if isinstance(value, list):
        if old not in value:
            return False
        for i, item in enumerate(value):
            if item == old:
                value[i] = new
        for i in reversed(range(len(value))):
            if value[i] in value[:i]:
                del value[i]
        return True
    if value == old:
        entry[key] = new
        return True
    return False


def rename_in_entries(data, old: str, new: str) -> Counter:
    """Statements' speaker and addressee, deadlines' set_by and addressee: ``old`` becomes ``new``."""
    counts = Counter()
    for kind in IDENTIFIED:
        for entry in _entries(data, kind.section):
            # a list: every key renamed
            if any([_renamed_ids(entry, key, old, new) for key in kind.actor_fields]):
                counts[kind.name] += 1
    return counts


# ---- mention groups ----------------------------------------------------------------------------------------

def _words(span) -> tuple[str, int | None]:
    if isinstance(span, dict):
        return str(span.get("text", "")), span.get("occurrence")
    return str(span), None


def _with_comments(seq) -> list[tuple[object, object]]:
    """The items of a YAML list, each with the comment written after it (None when there is none)."""
    return [(item, seq.ca.items.get(i) if isinstance(seq, CommentedSeq) else None) for i,
            item in enumerate(seq)]


def _refill(seq: CommentedSeq, items: list[tuple[object, object]]) -> None:
    """Put ``items`` in ``seq`` in this order, each comment following its own item."""
    del seq[:]
    seq.ca.items.clear()
    for i, (item, comment) in enumerate(items):
        seq.append(item)
        if comment is not None:
            seq.ca.items[i] = comment


def in_text_order(items: list[tuple[object, object]], text: str | None) -> list[tuple[object, object]]:
    """Spans sorted by where they stand in the article, each place once; spans that cannot be placed (no text,
    words not found) keep their order after the others, each wording once."""
    keyed = []
    for i, (span, comment) in enumerate(items):
        found = anchor(text, *_words(span)) if text else None
        keyed.append(((found.start, found.end) if found is not None and found.ok else None, i, span, comment))
    keyed.sort(key=lambda k: (k[0] is None, k[0] or (0, 0), k[1]))
    seen, out = set(), []
    for place, _, span, comment in keyed:
        key = place or _words(span)
        if key not in seen:
            seen.add(key)
            out.append((span, comment))
    return out


def _fold_group(target: CommentedMap, other: CommentedMap) -> None:
    """``other``'s spans and ``every`` words added to ``target``'s (spans in no order yet: see
    in_text_order)."""
    for key, comment in other.ca.items.items():  # the analyst's notes on the group go with it
        if key not in target.ca.items and key in target:
            target.ca.items[key] = comment
    for key in ("spans", "every"):
        theirs = other.get(key)
        if not isinstance(theirs, list) or not theirs:
            continue
        ours = target.get(key)
        if not isinstance(ours, CommentedSeq):
            target[key] = ours = CommentedSeq(ours or [])
        if key == "every":
            ours.extend(w for w in theirs if w not in ours)
        else:
            _refill(ours, _with_comments(ours) + _with_comments(theirs))


def merge_mention_groups(data, old: str, new: str, text: str | None) -> int:
    """Every mention group of ``old`` or ``new`` becomes one group of ``new``, where the first of them stood,
    its spans in text order without repeats. The number of ``old``'s groups changed."""
    groups = data.get("mentions") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        return 0
    mine = [i for i, g in enumerate(groups) if isinstance(g, dict) and g.get("actor") in (old, new)]
    changed = sum(1 for i in mine if groups[i].get("actor") == old)
    if not changed:
        return 0
    target = groups[mine[0]]
    target["actor"] = new
    for i in reversed(mine[1:]):
        _fold_group(target, groups[i])
        del groups[i]
    if len(mine) > 1 and isinstance(target.get("spans"), CommentedSeq):
        _refill(target["spans"], in_text_order(_with_comments(target["spans"]), text))
    return changed


# ---- proposed actors (new_actors) --------------------------------------------------------------------------

def _names_of(actor) -> list[str]:
    aliases = actor.get("aliases")
    return [str(n) for n in [actor.get("name"), *(aliases if isinstance(aliases, list) else [])] if n]


def add_aliases(actor: CommentedMap, names: list[str]) -> list[str]:
    """Append to the actor's aliases the names it lacks (case ignored, as the registry compares them)."""
    aliases = actor.get("aliases")
    if not isinstance(aliases, CommentedSeq):
        aliases = CommentedSeq(aliases if isinstance(aliases, list) else [])
        aliases.fa.set_flow_style()
        actor["aliases"] = aliases
    added = []
    for name in names:
        if name.casefold() not in {str(a).casefold() for a in aliases}:
            aliases.append(name)
            added.append(name)
    return added


@dataclass
class _Survivor:
    """What the proposals of ``old`` become: dropped when ``new`` is registered, else proposals of ``new``."""

    registered: bool
    name: str | None = None
    kind: str | None = None
    folded: list[str] = field(default_factory=list)  # names of old's proposals, for new's registry aliases


def merge_proposals(data, old: str, new: str, survivor: _Survivor) -> int:
    """A file's proposals of ``old``: dropped for a registered ``new`` (names kept for the registry), folded
    into the file's own proposal of ``new``, or renamed to ``new``. The number of proposals changed."""
    proposals = data.get("new_actors") if isinstance(data, dict) else None
    if not isinstance(proposals, list):
        return 0
    olds = [i for i, a in enumerate(proposals) if isinstance(a, dict) and a.get("id") == old]
    ours = next((a for a in proposals if isinstance(a, dict) and a.get("id") == new), None)
    for i in reversed(olds):
        names = _names_of(proposals[i])
        if survivor.registered or ours is not None:
            survivor.folded += names
            if ours is not None and not survivor.registered:
                add_aliases(ours, names)
            del proposals[i]
        else:
            proposal = proposals[i]
            proposal["id"] = new
            proposal["name"] = survivor.name or proposal.get("name")
            proposal["kind"] = survivor.kind or proposal.get("kind")
            add_aliases(proposal, names)
            ours = proposal
    if olds and not proposals:
        del data["new_actors"]
    return len(olds)


# ---- one file ----------------------------------------------------------------------------------------------

def _article_text(root: Path, data) -> str | None:
    """The article a file annotates, for placing spans; None when it cannot be read (the loader says why)."""
    try:
        return (root / str(data["article"])).read_bytes().decode("utf-8-sig")
    except (KeyError, TypeError, OSError, UnicodeDecodeError):
        return None


def rewrite_source(root: Path, source: _Source, old: str, new: str, survivor: _Survivor) -> FileEdit | None:
    """The file with every use of ``old`` made ``new``: None when it does not name ``old``."""
    if source.data is None:
        return None
    data = source.data
    counts = rename_in_entries(data, old, new)
    merging = any(isinstance(g, dict) and g.get("actor") == new for g in _entries(data, "mentions"))
    counts["mention group"] += merge_mention_groups(data, old, new, _article_text(root, data) if merging
                                                    else None)
    counts["new actor"] += merge_proposals(data, old, new, survivor)
    counts = +counts
    return FileEdit(source.path, dump_text(data, source.text), counts) if counts else None


def _proposals(sources: list[_Source], actor_id: str) -> list[tuple[Path, CommentedMap]]:
    return [(s.path, a) for s in sources for a in _entries(s.data, "new_actors") if a.get("id") == actor_id]


# ---- the registry ------------------------------------------------------------------------------------------

def _entry(registry: CommentedSeq, actor_id: str) -> CommentedMap | None:
    return next((a for a in registry if a.get("id") == actor_id), None)


def _unknown(actor_id: str, known: list[str]) -> ActorEditError:
    near = difflib.get_close_matches(actor_id, known, n=1, cutoff=0.5)
    hint = f" Did you mean '{near[0]}'?" if near else ""
    return ActorEditError(f"no actor has the id '{actor_id}'; nothing was written.{hint} Ids are listed in "
                          "actors.yaml, or proposed under new_actors in the drafts.")


def _registered_from_proposal(proposal: CommentedMap) -> CommentedMap:
    """A registry entry made from a draft's proposal: its fields without the review note."""
    return CommentedMap((k, v) for k, v in proposal.items() if k != "check")


def merge_in_registry(registry: CommentedSeq, old: str, new: str, survivor: _Survivor,
                      proposal: CommentedMap | None) -> str:
    """``old``'s entry removed, its name and aliases (or its proposals' names) added to ``new``'s aliases; a
    ``new`` known only from proposals registered where ``old`` stood. A phrase saying what changed."""
    old_entry, new_entry = _entry(registry, old), _entry(registry, new)
    names = _names_of(old_entry) if old_entry is not None else survivor.folded
    said = []
    if new_entry is None and old_entry is not None and proposal is not None:
        new_entry = _registered_from_proposal(proposal)
        registry.insert(list(registry).index(old_entry), new_entry)
        said.append(f"registered '{new}' from its proposal")
    if old_entry is not None:
        del registry[list(registry).index(old_entry)]
        said.append(f"removed '{old}'")
    if new_entry is not None:
        added = add_aliases(new_entry,
                            [n for n in names if n.casefold() != str(new_entry.get("name")).casefold()])
        if added:
            said.append(f"added to the aliases of '{new}': {', '.join(added)}")
    return "; ".join(said)


def edit_in_registry(entry: CommentedMap, new_id: str | None, name: str | None, kind: str | None,
                     add: list[str], remove: list[str]) -> str:
    """One registry entry changed as asked; a phrase saying what changed (empty: nothing did)."""
    said = []
    aliases = [str(a).casefold() for a in entry.get("aliases") or []]
    missing = [a for a in remove if a.casefold() not in aliases]
    if missing:
        raise ActorEditError(f"'{missing[0]}' is not an alias of '{entry['id']}' (its aliases: "
                             f"{', '.join(map(str, entry.get('aliases') or [])) or 'none'}); "
                             "nothing was written.")
    for key, value in (("id", new_id), ("name", name), ("kind", kind)):
        if value is not None and value != entry.get(key):
            said.append(f"{key} '{entry.get(key)}' → '{value}'")
            entry[key] = value
    if remove:
        gone = {a.casefold() for a in remove}
        for i in reversed(range(len(entry["aliases"]))):
            if str(entry["aliases"][i]).casefold() in gone:
                del entry["aliases"][i]
        said.append(f"aliases removed: {', '.join(remove)}")
    added = add_aliases(entry, add) if add else []
    if added:
        said.append(f"aliases added: {', '.join(added)}")
    return "; ".join(said)


# ---- planning ----------------------------------------------------------------------------------------------

def _registry_edit(root: Path, text: str, registry: CommentedSeq, says: str) -> FileEdit:
    return FileEdit(root / "actors.yaml", dump_text(registry, text), Counter(), says)


def _rewrite_all(plan: EditPlan, sources: list[_Source], old: str, new: str, survivor: _Survivor) -> None:
    for source in sources:
        edit = rewrite_source(plan.root, source, old, new, survivor)
        if edit is not None:
            plan.edits.append(edit)


def plan_merge(root: str | Path, old: str, new: str) -> EditPlan:
    """Every file as it would be with ``old`` merged into ``new`` (nothing written)."""
    root = Path(root)
    if old == new:
        raise UsageError(f"'{old}' cannot be merged into itself; give two different ids.")
    plan = EditPlan(root, f"merge '{old}' into '{new}'")
    text, registry = _read_registry(root, plan)
    sources = _read_sources(root, (old, new), plan)
    known = [str(a.get("id")) for a in registry] + [str(a.get("id")) for s in sources
                                                    for a in _entries(s.data, "new_actors")]
    for actor_id in (old, new):
        if actor_id not in known:
            raise _unknown(actor_id, known)
    proposal = next((a for _, a in _proposals(sources, new)), None)
    registered = _entry(registry, new) is not None or (_entry(registry, old) is not None
                                                       and proposal is not None)
    survivor = _Survivor(registered,
                         *((proposal.get("name"), proposal.get("kind")) if proposal else (None, None)))
    _rewrite_all(plan, sources, old, new, survivor)
    says = merge_in_registry(registry, old, new, survivor, proposal)
    if says:
        plan.edits.append(_registry_edit(root, text, registry, says))
    if "registered" in says:
        plan.notes.append(f"'{new}' was only proposed in drafts: check its kind, country and "
                          f"role in actors.yaml (python -m helpers actors edit {new} --kind …)")
    return plan


def plan_edit(root: str | Path, actor_id: str, new_id: str | None = None, name: str | None = None,
              kind: str | None = None, add: list[str] = (), remove: list[str] = ()) -> EditPlan:
    """Every file as it would be with the registered actor ``actor_id`` changed (nothing written)."""
    root = Path(root)
    if new_id is None and name is None and kind is None and not add and not remove:
        raise UsageError("nothing to change: give --id, --name, --kind, --add-alias or --remove-alias.")
    if new_id is not None and not ID.match(new_id):
        raise UsageError(f"'{new_id}' is not an id: use lower-case letters, digits, '_' "
                         "and '-', starting with a letter or digit (e.g. general_motors).")
    if kind is not None and kind not in ACTOR_KINDS:
        raise UsageError(f"'{kind}' is not a kind; use one of {', '.join(ACTOR_KINDS)}.")
    if name is not None and not name.strip():
        raise UsageError("the name is empty; give the actor's display name.")
    plan = EditPlan(root, f"edit '{actor_id}'")
    text, registry = _read_registry(root, plan)
    entry = _entry(registry, actor_id)
    if entry is None:
        raise _unknown(actor_id, [str(a.get("id")) for a in registry])
    sources = _read_sources(root, (actor_id,) + ((new_id,) if new_id else ()), plan)
    if new_id and new_id != actor_id and (_entry(registry, new_id) is not None
                                          or _proposals(sources, new_id)):
        raise ActorEditError(f"the id '{new_id}' is taken already; to make '{actor_id}' and '{new_id}' "
                             f"one actor, run: python -m helpers actors merge {actor_id} {new_id}")
    says = edit_in_registry(entry, new_id, name, kind, list(add), list(remove))
    if new_id and new_id != actor_id:
        _rewrite_all(plan, sources, actor_id, new_id, _Survivor(registered=True))
    if says:
        plan.edits.append(_registry_edit(root, text, registry, says))
    return plan


# ---- checking and writing ----------------------------------------------------------------------------------

def _scratch_corpus(plan: EditPlan, scratch: Path) -> list[Path]:
    """The changed files, the registry and topics, and the articles the changed files name, in ``scratch``;
    the changed drafts' paths there."""
    new = {edit.path: edit.text for edit in plan.edits}
    registry = plan.root / "actors.yaml"
    (scratch / "actors.yaml").write_text(new.get(registry) or registry.read_text(encoding="utf-8"), "utf-8")
    if (plan.root / "topics.yaml").is_file():
        shutil.copyfile(plan.root / "topics.yaml", scratch / "topics.yaml")
    (scratch / "annotations").mkdir()
    drafts = []
    for edit in plan.edits:
        if edit.path == registry:
            continue
        copy = scratch / edit.path.relative_to(plan.root)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(edit.text, encoding="utf-8")
        article = _article_name(load_text(edit.text))
        if article and (plan.root / article).is_file() and not (scratch / article).exists():
            (scratch / article).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(plan.root / article, scratch / article)
        if copy.parent.name == "drafts":
            drafts.append(copy)
    return drafts


def _article_name(data) -> str | None:
    """The article a file names, when it lies under articles/ (any other the loader refuses, with its
    reason)."""
    value = data.get("article") if isinstance(data, dict) else None
    parts = Path(os.path.normpath(str(value))).parts if value else ()
    return str(value) if len(parts) > 1 and parts[0] == "articles" and ".." not in parts else None


def problems_after(plan: EditPlan) -> list[Problem]:
    """What ``python -m helpers validate`` would report on the registry and on every changed annotation and
    draft, as the plan would write them (empty: they validate). Paths name the corpus's own files."""
    with tempfile.TemporaryDirectory(prefix="newsdesk-actors-") as tmp:
        scratch = Path(tmp)
        drafts = _scratch_corpus(plan, scratch)
        found = list(read_corpus(scratch)[1])
        for draft in drafts:
            found += validate_file(draft)[1]
    here = str(plan.root)
    return sorted({Problem(p.path.replace(tmp, here), p.line, p.what.replace(tmp, here),
                           p.fix.replace(tmp, here))
                   for p in found})


def changed_meanwhile(plan: EditPlan) -> list[Path]:
    """Files read for the plan whose content is no longer what was read (or that are gone)."""
    gone = []
    for path, seen in plan.digests.items():
        try:
            now = digest(path.read_bytes())
        except OSError:
            now = None
        if now != seen:
            gone.append(path)
    return gone


def write_plan(plan: EditPlan) -> None:
    """Write every changed file whole; refuse, writing nothing, when any file read changed on disk meanwhile.
    The registry goes last, so that running the same command again finishes an interrupted edit: the id it
    names is still registered."""
    moved = changed_meanwhile(plan)
    if moved:
        raise ActorEditError(f"{', '.join(map(str, moved[:3]))}{' …' if len(moved) > 3 else ''} "
                             "changed on disk while the edit was being prepared; nothing was "
                             "written. Run the command again.")
    registry = plan.root / "actors.yaml"
    for edit in sorted(plan.edits, key=lambda e: e.path == registry):
        write_atomically(edit.path, edit.text)


# ---- saying what changed -----------------------------------------------------------------------------------

def _counted(counts: Counter) -> str:
    return ", ".join(f"{counts[k]} {k}{'s' if counts[k] != 1 else ''}" for k in KINDS if counts[k])


def summary(plan: EditPlan, written: bool) -> list[str]:
    """Lines saying what the plan changes, file by file, then in all."""
    if not plan.edits:
        return [f"{plan.action}: nothing to change in {plan.root}."]
    lines = [f"{plan.action} in {plan.root}:"]
    total = Counter()
    for edit in sorted(plan.edits, key=lambda e: (e.path.parent != plan.root, e.path)):
        total += edit.counts
        lines.append(f"  {edit.path.relative_to(plan.root)}: {edit.says or _counted(edit.counts)}")
    n = len(plan.edits)
    registry = any(e.says for e in plan.edits)
    in_all = _counted(total) + (", " if total and registry else "") + ("1 registry entry" if registry else "")
    verb = "changed" if written else "would change (--dry-run: nothing was written)"
    return lines + [f"{n} file{'s' if n != 1 else ''} {verb}: {in_all}."] + [f"note: {note}"
                                                                             for note in plan.notes]


def _finish(make_plan, dry_run: bool) -> int:
    """Plan, check, write (or only say, for a dry run); print what changed, or why nothing was. The exit
    code."""
    try:
        plan = make_plan()
        try:
            problems = problems_after(plan) if plan.edits else []
        except OSError as err:
            raise ActorEditError("cannot check the edit: a copy of the changed files in the "
                                 "temporary folder could not be written "
                                 f"({err.strerror or err}); nothing was written. Free some space "
                                 "(or raise the file size limit) and run the command again.") from None
        if problems:
            for problem in problems:
                print(str(problem))
            raise ActorEditError(f"{plan.action} would leave {len(problems)} "
                                 f"problem{'s' if len(problems) != 1 else ''} in the files above; "
                                 "nothing was written. Fix them first, or edit the files by hand.")
        if not dry_run:
            write_plan(plan)
    except ActorEditError as err:
        print(printable(str(err)), file=sys.stderr)
        return 2 if isinstance(err, UsageError) else 1
    # a full disk, a size limit, a read-only corpus: each file is written whole or not at all
    except OSError as err:
        where = f" ({err.filename})" if err.filename else ""
        print(printable(f"cannot write{where}: {err.strerror or err}; files written "
                        "before it are whole, the others unchanged, and the registry is "
                        "written last: run the same command again once it can be written"), file=sys.stderr)
        return 1
    for line in summary(plan, written=not dry_run):
        print(printable(line))
    return 0


def run_merge(corpus: str, old: str, new: str, dry_run: bool = False) -> int:
    return _finish(lambda: plan_merge(corpus, old, new), dry_run)


def run_edit(corpus: str, actor_id: str, new_id=None, name=None, kind=None, add=(), remove=(),
             dry_run: bool = False) -> int:
    return _finish(lambda: plan_edit(corpus, actor_id, new_id, name, kind, add, remove), dry_run)
