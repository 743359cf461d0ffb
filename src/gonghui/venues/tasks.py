"""Background job kinds of the venues app (found by core.jobs on first use)."""

from .imports import service  # noqa: F401  (registers the venue and demand-point imports' preview and commit)
