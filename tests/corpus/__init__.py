"""Tests of helpers/corpus/."""
import pandas as pd

# the tables a cached load must give exactly as a fresh one
CACHED_TABLES = ["articles", "actors", "mentions", "statements", "statement_topics", "deadlines",
                 "unreviewed"]


def assert_same_tables(a, b) -> None:
    """Two loads of one corpus hold equal tables (row order included)."""
    for name in CACHED_TABLES:
        pd.testing.assert_frame_equal(getattr(a, name).reset_index(drop=True),
                                      getattr(b, name).reset_index(drop=True))
