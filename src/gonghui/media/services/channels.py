"""Channels are made on first use: every organisation that publishes has one of each kind."""

from django.utils.translation import gettext

from ..models import Channel


def channels_for(org) -> dict[str, Channel]:
    """The organisation's channels by kind, creating the missing ones (one INSERT for all of them)."""
    found = {c.kind: c for c in Channel.objects.filter(org=org)}
    missing = [Channel(org=org, kind=kind, name=f"{org.name} {gettext(label)}")
               for kind, label in Channel.Kind.choices if kind not in found]
    if missing:
        Channel.objects.bulk_create(missing, ignore_conflicts=True)
        found = {c.kind: c for c in Channel.objects.filter(org=org)}
    return found
