"""The kernel's own events (registered from CoreConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from .messaging import STAFF, WORKER, Event, register_event

ACCOUNT_LOCKED = "core.account_locked"
IMPORT_FINISHED = "core.import_finished"


def register() -> None:
    register_event(Event(
        ACCOUNT_LOCKED, _("Account locked"),
        _("Your account was locked for %(minutes)s minutes after repeated failed sign-in attempts"),
        _("If this was not you, tell your union: someone may be trying to guess your password or codes."),
        audience=WORKER, example={"minutes": 15}))
    register_event(Event(
        IMPORT_FINISHED, _("Import finished"),
        _("Import #%(job)s finished: %(written)s of %(rows)s rows written"),
        _("Open the import to see what was written."),
        audience=STAFF, example={"job": 42, "written": 118, "rows": 120}))


def import_finished(job, *, rows: int, written: int, link: str = "") -> None:
    """Tell whoever started an import that it was committed (inside the commit's transaction)."""
    from .messaging import notify

    notify(job.created_by, IMPORT_FINISHED, job, {"job": job.pk, "rows": rows, "written": written}, link=link)


def account_locked(user, lock) -> None:
    """Tell the holder of an account that failed sign-ins just locked it (once per lock; ``user`` None: the name
    belongs to nobody, and nobody is told)."""
    from .messaging import notify

    if user is not None and getattr(lock, "new", False):
        notify(user, ACCOUNT_LOCKED, user, {"minutes": lock.minutes})
