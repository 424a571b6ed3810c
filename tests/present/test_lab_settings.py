"""The project's JupyterLab defaults: written into an environment's overrides.json, keeping what is there."""
from __future__ import annotations

import json

from helpers.present.lab_settings import overrides_path, write_overrides


def test_no_news_popup_and_no_autosave_and_other_settings_are_kept(tmp_path):
    path = overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
                                "@jupyterlab/docmanager-extension:plugin": {"autosaveInterval": 30}}),
                    encoding="utf-8")
    write_overrides(tmp_path)
    got = json.loads(path.read_text(encoding="utf-8"))
    assert got["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert got["@jupyterlab/docmanager-extension:plugin"] == {"autosaveInterval": 30, "autosave": False}
    assert got["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    write_overrides(tmp_path)  # twice: the same file
    assert json.loads(path.read_text(encoding="utf-8")) == got
