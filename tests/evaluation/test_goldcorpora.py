"""The gold corpora readers, on small invented files in the corpora's formats (TimeML; BRAT standoff)."""
from __future__ import annotations

from helpers.evaluation.goldcorpora import polnear_corpus, read_brat, read_timeml, timeml_corpus

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>invented</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2031-03-14" \
functionInDocument="CREATION_TIME">03/14/2031</TIMEX3></DCT>
<TEXT>The ferry board <EVENT eid="e1" class="OCCURRENCE">met</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="2031-03-13">Thursday</TIMEX3> &amp; will vote \
<TIMEX3 tid="t2" type="DURATION" value="P2W">within two weeks</TIMEX3>, said Amara Voss &lt;chair&gt;.</TEXT>
</TimeML>
"""


def test_timeml_text_is_what_a_system_sees_and_offsets_point_into_it(tmp_path):
    path = tmp_path / "doc.tml"
    path.write_text(TIMEML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.name == "doc" and doc.dct == "2031-03-14"
    assert doc.text == "The ferry board met Thursday & will vote within two weeks, said Amara Voss <chair>."
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [("Thursday", "DATE", "2031-03-13"),
                                                               ("within two weeks", "DURATION", "P2W")]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "b.tml").write_text(TIMEML, encoding="utf-8")
    assert [d.name for d in timeml_corpus(tmp_path)] == ["doc", "b"]  # every .tml below, in path order


TEXT = "Voss said the berths go to tender. The board, she added, is ready. Talks resume, officials hope."
ANN = """T1\tSource 0 4
T2\tCue 5 9
T3\tContent 10 33
T4\tContent 35 44;57 65
T5\tCue 50 55
T6\tSource 46 49
T7\tContent 67 79
T8\tCue 91 95
T9\tAttribution 5 9
E1\tAttribution:T9 Content:T3 Cue:T2 Source:T1
E2\tAttribution:T9 Content:T4 Cue:T5 Source:T6 Cue2:T2
E3\tAttribution:T9 Content:T7 Cue:T8
E4\tAttribution:T9 Cue:T8 Source:T1
"""


def test_brat_attributions_take_discontinuous_spans_to_their_bounds_and_need_a_content(tmp_path):
    path = tmp_path / "a.ann"
    path.write_text(ANN, encoding="utf-8")
    found = read_brat(path)
    assert [(a.source, a.cue, a.content) for a in found] == [
        ((0, 4), (5, 9), (10, 33)),
        ((46, 49), (50, 55), (35, 65)),  # "The board … is ready": one span from its first to its last piece
        (None, (91, 95), (67, 79)),      # no source
    ]                                    # E4 has no content: not an attribution


def test_polnear_reads_the_first_annotator_and_the_publication_date(tmp_path):
    for sub in ("text", "attributions"):
        (tmp_path / sub).mkdir()
    (tmp_path / "metadata.tsv").write_text("filename\tpublisher\tpublication_date\n"
                                           "harbour\tInvented Daily\t2031-03-14\n", encoding="utf-8")
    (tmp_path / "text" / "harbour.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "text" / "unannotated.txt").write_text("No one said anything.", encoding="utf-8")
    (tmp_path / "attributions" / "harbour_b.ann").write_text("T1\tContent 0 "
                                                             "4\nE1\tAttribution:T1 Content:T1\n",
                                                              encoding="utf-8")
    (tmp_path / "attributions" / "harbour_a.ann").write_text(ANN, encoding="utf-8")
    docs = polnear_corpus(tmp_path)
    assert [(d.name, d.date, len(d.attributions)) for d in docs] == [("harbour", "2031-03-14", 3)]
    assert docs[0].text == TEXT
