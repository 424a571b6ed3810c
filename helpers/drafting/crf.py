"""The two trained CRF models' shared plumbing (python-crfsuite): opening a model file, writing one
trained."""
from __future__ import annotations

import time
from pathlib import Path


def open_tagger(path: str, what: str):
    """A tagger reading the model at ``path``; ``what`` names the model when the file is missing."""
    import pycrfsuite
    if not Path(path).is_file():
        raise FileNotFoundError(f"{path}: no {what} (python -m helpers train builds it)")
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def write_model(trainer, settings: dict, out: str | Path, reload, verbose: bool) -> Path:
    """Train with fixed ``settings`` into ``out`` (through a temporary file, so a stopped run leaves the old
    model whole), then ``reload()`` so the new model is the one used."""
    trainer.set_params(settings)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    t1 = time.perf_counter()
    trainer.train(str(tmp))
    tmp.replace(out)
    reload()
    if verbose:
        print(f"  trained in {time.perf_counter() - t1:.0f} s; {out} is {out.stat().st_size / 1e6:.1f} MB",
              flush=True)
    return out
