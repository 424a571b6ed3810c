"""JupyterLab's defaults for this project, written where the project's own JupyterLab reads them
(``.venv/share/jupyter/lab/settings/overrides.json``; ``make lab`` writes them before it starts): no "get
notified about official Jupyter news?" popup over the article, no update check, and no autosave, so a stored
notebook (the tests' reference) changes only when the analyst saves it."""
from __future__ import annotations

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
}


def overrides_path(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_overrides(prefix: str | Path = sys.prefix) -> Path:
    """Merge OVERRIDES into the environment's overrides.json (settings someone added there are kept)."""
    path = overrides_path(prefix)
    try:
        current = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        current = {}
    for plugin, values in OVERRIDES.items():
        current[plugin] = {**current.get(plugin, {}), **values}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(current, indent=2), encoding="utf-8")
    tmp.replace(path)
    return path


if __name__ == "__main__":
    print(f"JupyterLab settings for this project: {write_overrides()}")
