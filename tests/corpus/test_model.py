"""The annotation model (corpus/model.py) is the one declaration the schema, the tables, the Corpus and the
review
follow: a field added to one and not the others fails here."""
import dataclasses
import typing

import pytest

from helpers.corpus import model, schema
from helpers.corpus.load import Corpus
from helpers.corpus.review_edits import DEADLINE_FIELDS, STATEMENT_FIELDS
from helpers.corpus.table_specs import CORPUS, TABLES

SCHEMAS = {"mention group": schema.MentionGroup, "statement": schema.Statement, "deadline": schema.Deadline}


@pytest.mark.parametrize("kind", model.ENTRIES, ids=lambda k: k.name)
def test_the_schema_has_the_models_fields_in_its_order(kind):
    assert tuple(SCHEMAS[kind.name].model_fields) == kind.names


@pytest.mark.parametrize("kind", model.ENTRIES, ids=lambda k: k.name)
def test_actor_fields_hold_ids_and_several_valued_fields_have_their_table(kind):
    fields = SCHEMAS[kind.name].model_fields
    for name in kind.actor_fields:
        assert str in typing.get_args(fields[name].annotation) or fields[name].annotation is str
    for field in kind.long_tables:
        spec = TABLES[field.table]
        assert spec.columns == ("article_id", kind.id_column, field.column)
        assert field.table in CORPUS and field.table in {f.name for f in dataclasses.fields(Corpus)}
        assert field.name not in TABLES[kind.section].columns  # never a joined string beside its long table


def test_vocabularies_are_the_schemas_choices():
    assert typing.get_args(schema.Statement.model_fields["mode"].annotation) == model.MODES
    assert typing.get_args(schema.Actor.model_fields["kind"].annotation) == model.ACTOR_KINDS
    assert set(model.VOCABULARIES) >= {f.vocabulary for k in model.ENTRIES for f in k.fields} - {None,
                                                                                                 "topic"}


def test_the_review_writes_keys_in_the_models_order():
    assert (STATEMENT_FIELDS, DEADLINE_FIELDS) == (model.STATEMENT.names, model.DEADLINE.names)
    assert model.ACTOR_FIELDS == {"mentions": ("actor",), "statements": ("speaker", "addressee"),
                                  "deadlines": ("set_by", "addressee")}


def test_what_the_review_edits_is_what_the_model_calls_editable():
    import inspect

    from helpers.corpus.review_edits import Review
    asked = [p for p in inspect.signature(Review.edit).parameters if p not in ("self", "key")]
    editable = {f.name for kind in model.IDENTIFIED for f in kind.fields if f.editable}
    # "speaker" is a statement's speaker and a deadline's set_by; words and cues are set from a selection
    assert set(asked) <= editable
    assert editable - set(asked) == {"set_by", "cue", "words", "expression"}


def test_a_new_field_reaches_the_schema_the_rows_and_the_columns(tmp_path):
    """Adding a field to the model is the whole change: its schema, its table column and its row value
    follow."""
    from helpers.corpus import annotation
    from helpers.corpus.yamlfile import read_yaml

    target = model.FieldSpec("target", "actor", actors=True)
    kind = dataclasses.replace(model.STATEMENT, fields=(*model.STATEMENT.fields, target))
    entry = schema.entry_schema(kind)
    assert tuple(entry.model_fields) == (*model.STATEMENT.names, "target")
    # before reviewed
    assert "target" in kind.columns and kind.columns.index("target") == len(kind.columns) - 2
    path = tmp_path / "a.yaml"
    path.write_text("statements:\n- id: S1\n  speaker: kyiv\n  "
                    "mode: direct\n  words: talks\n  target: oslo\n")
    doc = read_yaml(path)
    out = annotation.Compiled()
    ctx = annotation._Ctx(doc, "Peace talks.", {"kyiv"}, set(), out)
    annotation._entries(ctx, kind, [entry.model_validate(doc.data["statements"][0])], "a")
    assert out.statements[0]["target"] is None and out.statements[0]["text"] == "talks"
    assert [(p.line, p.what) for p in out.problems] == [(6, "unknown actor id 'oslo'")]
    with pytest.raises(Exception, match="target"):
        entry.model_validate({"id": "S1", "speaker": None, "mode": "direct", "words": "x", "target": ["a"]})


@pytest.mark.parametrize("kind", model.IDENTIFIED, ids=lambda k: k.name)
def test_the_tables_columns_are_the_models(kind):
    assert TABLES[kind.section].columns == kind.columns
    assert set(kind.columns) >= {c for f in kind.fields for c in f.columns}
