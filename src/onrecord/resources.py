"""Files that ship inside the package, by path: a module of its own, importing nothing heavy, so that a
command's options or a Ray job can name their defaults without loading spaCy."""

from __future__ import annotations

from pathlib import Path

#: The learned attribution model that ships with onrecord (feature weights fitted on PolNeAR train;
#: provenance in the file and in the README). Every ``model`` setting defaults to it; ``None`` turns
#: the learned rule off and another path picks another model. It lives in the package, so reading
#: never needs the corpus it was trained on.
DEFAULT_MODEL: Path = Path(__file__).resolve().parent / "data" / "attribution_model.json"
