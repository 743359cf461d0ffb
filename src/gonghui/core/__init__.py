"""The shared kernel. ``notify`` and ``notify_many`` are re-exported from core.messaging (imported when called:
this package is imported before the models are ready)."""


def notify(recipient, event, obj=None, context=None, **kwargs):
    from .messaging import notify as _notify

    return _notify(recipient, event, obj, context, **kwargs)


def notify_many(items, event, **kwargs):
    from .messaging import notify_many as _notify_many

    return _notify_many(items, event, **kwargs)
