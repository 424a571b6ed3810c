"""Tests of helpers/corpus/."""
import pandas as pd

# the tables a cached load must give exactly as a fresh one
CACHED_TABLES = ["articles", "actors", "mentions", "statements", "statement_topics", "deadlines",
                 "unreviewed"]


def assert_same_frame(a: pd.DataFrame, b: pd.DataFrame, obj: str = "DataFrame") -> None:
    """``pd.testing.assert_frame_equal``, checked first the quick way: identical values (``equals``: exact,
    missing values in the same places), the same column names and dtypes, categories in the same order. Only
    frames that differ go through the slow comparison, which says where."""
    same = list(a.columns) == list(b.columns) and list(a.index.names) == list(b.index.names) \
        and a.dtypes.astype(str).tolist() == b.dtypes.astype(str).tolist() \
        and all(a[col].cat.categories.equals(b[col].cat.categories)
                and a[col].cat.ordered == b[col].cat.ordered
                for col in a.columns if isinstance(a[col].dtype, pd.CategoricalDtype)) \
        and a.equals(b)
    if not same:
        pd.testing.assert_frame_equal(a, b, obj=obj)


def assert_same_tables(a, b) -> None:
    """Two loads of one corpus hold equal tables (row order included)."""
    for name in CACHED_TABLES:
        assert_same_frame(getattr(a, name).reset_index(drop=True), getattr(b, name).reset_index(drop=True),
                          obj=name)
