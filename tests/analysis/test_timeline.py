"""A story's events on one dated axis, and what its timeline finding says — on invented tables."""
import dataclasses

import pandas as pd

from helpers.analysis import findings, timeline
from tests.analysis.invented import articles, corpus, deadline, statement

STORY = articles(("a", "2025-08-01", "talks"), ("b", "2025-08-05", "talks"), ("c", "2019-03-01", None))


def _story(seed):
    return corpus(seed, [
        deadline("D1", "a", issued=("2025-07-25", "2025-07-30"), demand="a peace agreement"),
        deadline("D2", "a", due=("2025-08-04", "2025-08-11"), same_as="D1"),
        deadline("D4", "a", expression="50 days"),  # the analyst kept it apart: its own deadline, no dates
        # restated in a later article, moved
        deadline("D1", "b", due="2025-08-20", demand="a peace agreement"),
    ], STORY, [statement("S1", "a", said_on="2025-07-31"), statement("S2", "a"),
               statement("S1", "b", speaker=None),
               statement("S1", "c", speaker="zelensky")])


def test_events_place_statements_and_follow_each_deadline(seed):
    events = timeline.timeline_events(_story(seed))
    talks = events[events["story"] == "talks"]
    said = talks[talks["kind"] == "statement"]
    assert [(f"{d:%m-%d}", p) for d, p in zip(said["start"], said["placed_by"])] == [
        ("07-31", "said on"), ("08-01", "article date"), ("08-05", "article date")]
    assert said["who"].tolist() == ["Vladimir Putin", "Vladimir Putin", timeline.UNATTRIBUTED]
    chain = talks[talks["deadline"] == "Title a (2025-08-01) · D1"]
    assert [(k, e, f"{s:%m-%d}", f"{t:%m-%d}") for k, e, s, t in
            zip(chain["kind"], chain["entry"], chain["start"], chain["end"])] == [
        ("deadline issued", "D1", "07-25", "07-30"), ("restated", "D2", "08-01", "08-01"),
        ("due", "D2", "08-04", "08-11"), ("restated", "D1", "08-05", "08-05"),
        ("due", "D1", "08-20", "08-20")]
    assert set(chain["who"]) == {"Donald Trump"}
    apart = talks[talks["deadline"] == "Title a (2025-08-01) · D4"]
    assert apart["kind"].tolist() == ["deadline mentioned", "due"]
    assert apart["start"].iloc[0] == pd.Timestamp("2025-08-01") and apart["start"].isna().iloc[1], "due open"
    assert events["story"].tolist()[-1] == "(no story)", "labelled stories first"
    assert list(events.columns) == timeline.COLUMNS


def test_the_story_with_most_events_is_drawn_and_its_table_reads_dates(seed):
    events = timeline.timeline_events(_story(seed))
    assert timeline.main_story(events) == "talks"
    assert timeline.main_story(events.iloc[:0]) is None
    table = timeline.timeline_table(events, "talks")
    assert table["when"].tolist()[:2] == ["2025-07-25 to 2025-07-30", "2025-07-31"]
    assert "not stated" in set(table["when"])
    assert "story" in timeline.timeline_table(events).columns


def test_timeline_finding_says_how_a_deadline_moved_and_what_stays_apart(seed):
    story = _story(seed)
    lines = findings.timeline_findings(story, timeline.timeline_events(story), "talks")
    assert lines[0] == ("The story “talks” (2 articles, 2025-08-01 to 2025-08-05): "
                        "3 statements by 1 speaker and 2 deadlines in 4 mentions.")
    assert lines[1] == ("Donald Trump's deadline for Russia was stated 3 times in 2 articles: issued "
                        "between 2025-07-25 and 2025-07-30; falls due on a day not stated (Title a "
                        "(2025-08-01) · D1), then between 2025-08-04 and 2025-08-11 (Title a (2025-08-01) "
                        "· D2), then on 2025-08-20 (Title b (2025-08-05) · D1) — its due window moved.")
    assert lines[2].startswith("Donald Trump set 2 deadlines that the annotations keep apart: “words of D1”")
    assert lines[3] == ("1 of 3 statements carries the day it was said; the others are placed on their "
                        "article's date.")


def test_events_keep_one_column_type_whatever_the_corpus_holds(seed):
    """Text stays pandas' string type (not a Python string per cell) with statements only, deadlines only,
    both or neither: a table that changes type with the corpus breaks whatever reads it."""
    both = _story(seed)
    shapes = {
        "both": both,
        "statements only": dataclasses.replace(both, deadlines=both.deadlines.iloc[:0]),
        "deadlines only": dataclasses.replace(both, statements=both.statements.iloc[:0]),
        "neither": dataclasses.replace(both, deadlines=both.deadlines.iloc[:0],
                                       statements=both.statements.iloc[:0]),
    }
    for shape, story in shapes.items():
        events = timeline.timeline_events(story)
        assert events.dtypes.astype(str).to_dict() == {c: str(pd.Series(dtype=t).dtype)
                                                       for c, t in timeline.DTYPES.items()}, shape
        assert list(events.columns) == timeline.COLUMNS
    assert timeline.timeline_events(shapes["statements only"])["deadline"].isna().all()
    assert timeline.DTYPES["words"] == "str" and timeline.DTYPES["start"] == "datetime64[ns]"
