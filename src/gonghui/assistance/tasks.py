"""Background job kinds of the assistance app (found by core.jobs on first use)."""

from .services import reviews  # noqa: F401  (registers assistance.yearly_review)
