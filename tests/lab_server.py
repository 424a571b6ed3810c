"""A JupyterLab server on localhost for the browser tests, and the few steps they take in it."""
from __future__ import annotations

import contextlib
import json
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

# start the notebook's own kernel without asking: on a busy machine JupyterLab can otherwise ask which kernel
# to use before it has read the kernel list, and a dialog answered "No Kernel" leaves every cell unrun
SETTINGS = {"@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def lab_server(root: Path):
    """Yield the base URL and token of a JupyterLab serving ``root``, stopped afterwards.

    Its workspace and settings live beside ``root``: a second server at the same time would otherwise
    restore this one's open files.
    """
    settings = root.parent / "lab-settings"
    for name, values in SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(values), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.expose_app_in_browser=True",
         f"--LabApp.workspaces_dir={root.parent / 'lab-workspaces'}",
         f"--LabApp.user_settings_dir={settings}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def stop_kernels(base: str, token: str) -> None:
    """Shut down every session's kernel of the server at ``base`` (a shared server, between two tests)."""
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}", timeout=20) as answer:
        sessions = json.load(answer)
    for session in sessions:
        stop = urllib.request.Request(f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE")
        urllib.request.urlopen(stop, timeout=30).close()


def dismiss_dialogs(page) -> None:
    """Answer any JupyterLab dialog (e.g. a kernel choice or a file-changed notice), printing what it said:
    shown with the test's output if the test fails later. A kernel choice gets the Python kernel."""
    for _ in range(3):
        dialog = page.locator(".jp-Dialog")
        if not dialog.count() or not dialog.first.is_visible():
            return
        print("JupyterLab dialog:", " ".join(dialog.first.inner_text().split())[:300])
        choice = dialog.first.locator("select")
        if choice.count():
            labels = choice.first.locator("option").all_inner_texts()
            python = [label for label in labels if label.startswith("Python")]
            if python:
                choice.first.select_option(label=python[0])
        accept = dialog.first.locator(".jp-mod-accept")
        if accept.count():
            accept.first.click()
        else:
            page.keyboard.press("Escape")
        page.wait_for_timeout(500)


def run_all_cells(page, url: str, shows: str, timeout: int = 45_000):
    """Open a notebook in JupyterLab, run all its cells, wait until ``shows`` appears; its locator."""
    page.goto(url)
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    # this notebook in front with its own kernel connected and idle: the status bar's "Idle" can be another
    # notebook's, still open from the workspace, and a run-all sent then is lost (45 s until the retry)
    name = urllib.parse.unquote(urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1])
    page.wait_for_function("""(name) => {
      const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
      const kernel = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
      return !!kernel && w.context.path.endsWith(name) && kernel.connectionStatus === "connected"
        && kernel.status === "idle";
    }""", arg=name, timeout=90_000)
    found = page.locator(shows)
    for _attempt in range(3):  # a fresh server can miss the first request while it settles
        dismiss_dialogs(page)
        # not awaited: the command's promise lasts as long as the cells run
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
        try:
            found.first.wait_for(timeout=timeout)
            break
        except Exception:  # noqa: BLE001 - retried, then asserted by the caller
            dismiss_dialogs(page)
    return found
