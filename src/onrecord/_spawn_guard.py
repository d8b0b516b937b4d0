"""Tie an ingest worker's life to its parent from the worker's first moment, not after its imports.

``onrecord ingest`` parses in spawned worker processes (``onrecord/ledger/ingest.py``). A spawned
interpreter imports the parent's main module and ``onrecord`` (spaCy among it: several seconds) before
the pool's initializer runs, so a parent killed in that window left workers behind that waited for work
forever (issue 14, item 6). ``onrecord/__init__`` imports this module before anything else, which puts
the guard within milliseconds of the worker's start, before any slow import:

* the kernel is asked to SIGKILL the worker when its parent dies (``PR_SET_PDEATHSIG``, Linux);
* a parent that already died before that request is noticed at once (the worker's parent pid is no
  longer the one ingest wrote into ``ONRECORD_INGEST_PARENT``) and the worker exits;
* Ctrl-C in a terminal reaches the whole foreground process group: workers ignore it and leave the
  decision to the parent, which stops them itself (``ingest.stop_workers``), so one Ctrl-C gives one
  message instead of a traceback per worker.

The guard acts only in a process started by multiprocessing's spawn (``--multiprocessing-fork`` in
``sys.orig_argv``) whose environment names its parent, i.e. an ingest worker; importing ``onrecord``
anywhere else does nothing here. The variable is removed from the worker's environment, so processes
the worker itself might start are not mistaken for workers of the ingest.
"""

from __future__ import annotations

import os
import signal
import sys

#: The environment variable in which ``ingest`` gives its workers its own pid.
PARENT_ENV = "ONRECORD_INGEST_PARENT"


def die_with_parent(parent: int | None = None) -> None:
    """Have the kernel kill this process when its parent dies, and exit now if ``parent`` is gone.

    The order matters: the death signal first, then the check, so a parent dying in between is caught
    by one or the other. Without Linux's ``prctl`` only the check is done. ``parent`` defaults to the
    process multiprocessing started this one from (a pool's or uvicorn's worker); with none, there is
    nothing to check.
    """
    if parent is None:
        import multiprocessing

        started_by = multiprocessing.parent_process()
        parent = started_by.pid if started_by is not None else None
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # no libc symbol: the check below has to do
            pass
    if parent is not None and os.getppid() != parent:
        os._exit(1)  # the parent is gone: nobody will ever send work or read a result


def _guard() -> None:
    if PARENT_ENV not in os.environ or "--multiprocessing-fork" not in getattr(sys, "orig_argv", ()):
        return
    parent = os.environ.pop(PARENT_ENV)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(int(parent) if parent.isdigit() else None)


_guard()
