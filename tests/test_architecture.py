"""The package's shape holds: layers import downwards only, no private name crosses a module, functions fit a
screen, ARCHITECTURE.md names every module where it is, and the tests mirror the package's folders."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "helpers"
LAYERS = ["core", "corpus", "drafting", "ingest", "evaluation", "analysis", "present"]
LONGEST = 60  # lines a function may take, its docstring included
MODULES = sorted(PACKAGE.rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_layers_import_downwards_only():
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    run = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0 and "1 kept, 0 broken" in run.stdout, run.stdout[-3000:] + run.stderr[-2000:]


def test_the_contract_names_every_layer():
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    named = re.findall(r'"helpers\.(\w+)"',
                       config.split("[tool.importlinter]", 1)[1].split("[tool.pytest", 1)[0])
    assert named == ["cli", *reversed(LAYERS)]
    assert sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()) == sorted(LAYERS)


def _private_imports(path: Path, root: Path = ROOT) -> list[str]:
    """``from helpers.x import _name`` and ``module._name`` for a helpers module imported under that name."""
    found, modules = [], set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.relative_to(root)}:{node.lineno} imports {node.module}.{alias.name}")
                modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules.update(a.asname or a.name for a in node.names if a.name.startswith("helpers"))
    for node in ast.walk(_tree(path)):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            found.append(f"{path.relative_to(root)}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def test_no_private_name_crosses_a_module():
    assert [hit for path in MODULES for hit in _private_imports(path)] == []


def test_the_private_import_check_can_fail(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("from helpers.corpus.load import _rel\nfrom helpers.corpus import cache\ncache._x()\n")
    assert len(_private_imports(probe, tmp_path)) == 2


def _long_functions(path: Path, root: Path) -> list[str]:
    return [f"{path.relative_to(root)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for node in ast.walk(_tree(path)) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > LONGEST]


def test_every_function_fits_a_screen():
    assert [hit for path in MODULES for hit in _long_functions(path, ROOT)] == []


def test_the_length_check_can_fail(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("def long():\n" + "    x = 1\n" * LONGEST)
    assert len(_long_functions(probe, tmp_path)) == 1


def test_one_answer_to_where_the_project_is():
    spots = [f"{p.relative_to(ROOT)}:{n}" for p in MODULES if p.name != "paths.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if "__file__" in line and "parent" in line]
    assert spots == []  # helpers/paths.py says where the project, the cache and the models are


def _documented() -> dict[str, set[str]]:
    """ARCHITECTURE.md's table: layer folder → the modules its row names."""
    rows = {}
    for line in (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and (layer := re.fullmatch(r"`(\w+)/`", cells[0])):
            rows[layer.group(1)] = set(re.findall(r"`(\w+)`", re.sub(r"\([^)]*\)", "", cells[2])))  # not (…)
    return rows


def test_architecture_names_every_module_in_its_layer():
    documented = _documented()
    assert sorted(documented) == sorted(LAYERS)
    for layer in LAYERS:
        modules = {p.stem for p in (PACKAGE / layer).glob("*.py") if p.stem != "__init__"}
        named = documented[layer] & (modules | {"models"})
        assert modules <= documented[layer], f"{layer}/: ARCHITECTURE.md does not name {modules - named}"
        assert documented[layer] - modules <= {"models"}, (f"{layer}/: no such modules "
                                                           f"{documented[layer] - modules}")
    top = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert all(f"`{name}.py`" in text for name in top), top


def test_tests_mirror_the_package():
    folders = {p.name for p in (ROOT / "tests").iterdir() if (p / "__init__.py").exists()}
    assert folders == set(LAYERS)


def test_the_notebooks_names_stay_short():
    import helpers
    from helpers import agreement, analysis, charts, display, findings, load_corpus, review, widgets  # noqa: F401

    assert callable(analysis.actor_counts) and callable(analysis.deadline_status)
    assert findings.__name__ == "helpers.analysis.findings" and widgets.__name__ == "helpers.present.widgets"
    assert all(hasattr(helpers, name) for name in helpers.__all__)
    with pytest.raises(AttributeError):
        helpers.no_such_module  # noqa: B018
