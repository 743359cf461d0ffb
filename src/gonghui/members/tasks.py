"""Background job kinds of the members app (found by core.jobs on first use)."""

from .imports import service  # noqa: F401  (registers the member import's preview and commit jobs)
