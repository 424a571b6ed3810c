"""Questions asked of a corpus: tidy tables (``tables``, whose functions this package also offers, so a notebook
writes ``analysis.actor_counts(corpus)``) and the findings stated in the notebooks (``findings``)."""
from helpers.analysis.tables import *  # noqa: F403
from helpers.analysis.tables import __all__  # noqa: F401
