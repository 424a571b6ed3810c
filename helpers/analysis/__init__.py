"""Questions asked of a corpus: tidy tables (``tables``, whose functions this package also offers, so a
notebook writes ``analysis.actor_counts(corpus)``; ``restatements``, which entries are one deadline;
``timeline``, a story's events on one dated axis) and the findings stated in the notebooks (``findings``)."""
from helpers.analysis.tables import *  # noqa: F403
from helpers.analysis.tables import __all__ as _tables
from helpers.analysis.timeline import main_story, timeline_events, timeline_table

__all__ = [*_tables, "main_story", "timeline_events", "timeline_table"]
