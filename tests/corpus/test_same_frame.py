"""The quick comparison of two loads' tables fails wherever pandas' own comparison fails."""
import numpy as np
import pandas as pd
import pytest

from tests.corpus import assert_same_frame

BASE = pd.DataFrame({"a": pd.Categorical(["x", "y"], categories=["x", "y"]),
                     "b": pd.array([1, None], dtype="Int64"), "c": ["s", None]})


@pytest.mark.parametrize("other", [
    BASE.assign(a=pd.Categorical(["x", "y"], categories=["y", "x"])),  # categories in another order
    BASE.assign(a=pd.Categorical(["x", "y"], categories=["x", "y", "z"])),  # one more category
    BASE.assign(b=[1.0, np.nan]),  # floats, not nullable integers
    BASE.assign(c=["t", None]),  # a value
    BASE.assign(c=["s", "s"]),  # a missing value filled
    BASE.rename(columns={"c": "d"}),  # a column's name
    BASE[["b", "a", "c"]],  # the columns' order
])
def test_frames_pandas_tells_apart_are_told_apart(other):
    with pytest.raises(AssertionError):
        pd.testing.assert_frame_equal(BASE, other)
    with pytest.raises(AssertionError):
        assert_same_frame(BASE, other)


def test_equal_frames_pass():
    assert_same_frame(BASE, BASE.copy())
