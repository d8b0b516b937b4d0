"""Archive scale: the same pipeline on a Ray cluster (``pip install 'onrecord[ray]'``).

``run_ray_ingest`` (in ``ray_job``) reads, parses and stores like the local ``onrecord ingest``, spread
over a Ray cluster with Ray Data; ``pairing`` looks for contradictions across documents, one person at a
time; ``rows`` holds the table shapes both write, and needs no Ray. Nothing here is imported by the rest
of onrecord, so Ray stays optional. ``docs/SCALE.md`` says how to run it on a real cluster.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from onrecord.scale.ray_job import RayIngestReport, run_ray_ingest

__all__ = ["RayIngestReport", "run_ray_ingest"]


def __getattr__(name: str) -> Any:
    """Import ``ray_job`` only when its names are used, so ``import onrecord.scale`` needs no Ray."""
    if name in __all__:
        from onrecord.scale import ray_job

        return getattr(ray_job, name)
    raise AttributeError(name)
