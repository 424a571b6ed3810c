"""The annotated article as HTML: mentions, statements and deadlines highlighted, details on hover.

Every piece of article and annotation text is escaped, so an article that
contains markup or ``<script>`` shows it as text and runs nothing.
"""
from __future__ import annotations

import html

import pandas as pd

from helpers.analysis.tables import review_tip
from helpers.core.dates import format_window
from helpers.corpus.load import Corpus

STYLE = """<style>
.nd-reader{font-family:Georgia,serif;line-height:1.7;max-width:52em;white-space:normal}
.nd-reader .nd-m{background:#fde9a9;border-radius:2px}
.nd-reader .nd-m.nd-state,.nd-reader .nd-m.nd-organisation,.nd-reader .nd-m.nd-group{background:#cfe8fc}
.nd-reader .nd-m.nd-place{background:#dcefd6}
.nd-reader .nd-s-direct{border-bottom:2px solid #c0392b}
.nd-reader .nd-s-reported{border-bottom:2px dotted #2471a3}
.nd-reader .nd-cue{font-weight:bold}
.nd-reader .nd-d{outline:2px solid #e67e22;outline-offset:1px}
.nd-reader .nd-unrev{outline:2px dashed #a04000;outline-offset:2px}
.nd-legend span{margin-right:1.2em;padding:0 .3em}
.nd-review{font-family:sans-serif;color:#a04000;margin:.3em 0}
</style>"""

LEGEND = ('<div class="nd-legend" style="margin:.5em 0;font-family:sans-serif;font-size:90%">'
          '<span class="nd-m" style="background:#fde9a9">person</span>'
          '<span class="nd-m" style="background:#cfe8fc">state or organisation</span>'
          '<span class="nd-m" style="background:#dcefd6">place</span>'
          '<span style="border-bottom:2px solid #c0392b">direct quote</span>'
          '<span style="border-bottom:2px dotted #2471a3">reported speech</span>'
          '<span style="font-weight:bold">reporting verb</span>'
          '<span style="outline:2px solid #e67e22">deadline</span>'
          '<span style="outline:2px dashed #a04000">unreviewed draft</span>'
          '<i>Hover over marked words for details.</i></div>')


def _unreviewed(corpus: Corpus, article_id: str) -> pd.DataFrame:
    table = corpus.unreviewed
    if table is None or table.empty:
        return pd.DataFrame(columns=["kind", "id", "confidence", "check"])
    return table[table["article_id"] == article_id]


def _layers(corpus: Corpus, article_id: str) -> list[tuple[int, int, str, str]]:
    """(start, end, css class, hover text) for every annotated span of one article; spans of entries
    a draft left for review get a dashed outline and their check."""
    names = corpus.names
    kinds = dict(zip(corpus.actors["actor_id"], corpus.actors["kind"].astype(str)))

    def name(actor) -> str:
        actors = actor if isinstance(actor, tuple) else (actor,) if isinstance(actor, str) and actor else ()
        return ", ".join(names.get(a, a) for a in actors) or "no named source"

    review = _unreviewed(corpus, article_id)
    # mention entries are "actor: words"; statements and deadlines by their id
    pending = {(k, i): review_tip(c, f) for k, i, c, f in zip(review["kind"], review["id"], review["check"],
                                                               review["confidence"])}
    out = []
    for m in corpus.mentions[corpus.mentions["article_id"] == article_id].itertuples():
        actor = str(m.actor_id)
        out.append((m.start, m.end, f"nd-m nd-{kinds.get(actor, 'person')}", f"mention of {name(actor)}"))
        tip = pending.get(("mention", f"{actor}: {m.text}"))
        if tip:
            out.append((m.start, m.end, "nd-unrev", tip))
    for s in corpus.statements[corpus.statements["article_id"] == article_id].itertuples():
        said = f", said on {s.said_on:%Y-%m-%d}" if pd.notna(s.said_on) else ""
        addressed = corpus.addressees("statement").get((article_id, s.statement_id))
        to = f" to {name(addressed)}" if addressed else ""
        tip = (f"{s.statement_id} · {s.mode} · speaker: "
               f"{name(s.speaker if pd.notna(s.speaker) else None)}{to}{said}")
        out.append((s.start, s.end, f"nd-s-{s.mode}", tip))
        if ("statement", s.statement_id) in pending:
            out.append((s.start, s.end, "nd-unrev",
                        f"{s.statement_id} · {pending[('statement', s.statement_id)]}"))
        if pd.notna(s.cue_start):
            out.append((int(s.cue_start), int(s.cue_end), "nd-cue", f"{s.statement_id} · reporting verb"))
    for d in corpus.deadlines[corpus.deadlines["article_id"] == article_id].itertuples():
        for_whom = name(corpus.addressees("deadline").get((article_id, d.deadline_id)))
        tip = (f"{d.deadline_id} · deadline set by {name(d.set_by if pd.notna(d.set_by) else None)}"
               f" for {for_whom} · issued {format_window((d.issued_earliest, d.issued_latest))}"
               f" · falls due {format_window((d.due_earliest, d.due_latest))}")
        out.append((d.start, d.end, "nd-d", tip))
        if ("deadline", d.deadline_id) in pending:
            out.append((d.start, d.end, "nd-unrev",
                        f"{d.deadline_id} · {pending[('deadline', d.deadline_id)]}"))
    return [(int(s), int(e), c, t) for s, e, c, t in out]


def article_html(corpus: Corpus, article_id: str, legend: bool = True) -> str:
    """One article as escaped HTML with its annotations highlighted.

    Args:
        corpus: the loaded corpus.
        article_id: the article to show.
        legend: whether to put the colour legend above the text.

    Returns:
        The HTML: the style, the legend, a line on entries awaiting review, and the text with each annotated
        span in a ``<span>`` whose title says what it is.

    Example:
        >>> import re
        >>> from helpers import load_corpus
        >>> from helpers.paths import SEED_FIXTURE
        >>> from helpers.present import reader
        >>> corpus = load_corpus(SEED_FIXTURE, cache=False)
        >>> page = reader.article_html(corpus, "000_d8227443fd9b5b39")
        >>> re.findall(r'title="([^"]*)"', page)[:3]
        ['mention of Vladimir Putin', 'mention of Russia', 'mention of Ukraine']
    """
    text = corpus.article_text(article_id)
    layers = _layers(corpus, article_id)
    cuts = sorted({0, len(text), *(s for s, _, _, _ in layers), *(e for _, e, _, _ in layers)})
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b]).replace("\r\n", "\n").replace("\n", "<br>")
        active = [(c, t) for s, e, c, t in layers if s <= a and b <= e]
        if not active:
            parts.append(piece)
            continue
        classes = " ".join(dict.fromkeys(c for c, _ in active))
        tips = " | ".join(dict.fromkeys(t for _, t in active))
        parts.append(f'<span class="{html.escape(classes)}" '
                     f'title="{html.escape(tips, quote=True)}">{piece}</span>')
    head = STYLE + (LEGEND if legend else "")
    waiting = len(_unreviewed(corpus, article_id))
    if waiting:
        head += (f'<p class="nd-review">⚑ {waiting} entr{"y" if waiting == 1 else "ies"} of this article '
                 'await review '
                 "(dashed outline; hover for what to check).</p>")
    return f'{head}<div class="nd-reader">{"".join(parts)}</div>'
