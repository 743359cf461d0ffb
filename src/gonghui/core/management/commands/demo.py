"""`gonghui demo --scale small|county|province`: build the demo data set once, then list the demo accounts
(every time). county and province go through the bulk loader (COPY on PostgreSQL) with a progress bar."""

import time

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from gonghui.core import demo

SERVER_PATHS = (("staff workbench", "/staff/"), ("worker mobile site", "/m/"))


class Command(BaseCommand):
    help = "Build the demo data set (idempotent: an existing demo is kept) and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=demo.SCALES, default="small",
                            help="small (~3,000 members, for make run and the tests), county (~100,000, Kunming "
                                 "prefecture), province (3,000,000 members, 150,000+ units)")
        parser.add_argument("--seed", type=int, default=2026, help="the same seed builds the same data")
        parser.add_argument("--persons", type=int, default=None, help="build this many persons instead")
        parser.add_argument("--workers", type=int, default=None,
                            help="processes generating and encrypting rows (default: number of cores)")

    def handle(self, *args, scale, seed, persons, workers=None, **options):
        started = time.monotonic()
        ctx = demo.DemoContext(scale=scale, seed=seed, persons=persons, progress=self._progress(started),
                               bar_stream=self.stderr._out)
        if workers is not None:
            ctx.workers = workers
        if get_user_model().objects.filter(username=demo.MARKER_USERNAME).exists():
            self.stdout.write("Demo data already present: nothing to build.")
        else:
            self.stdout.write(f"Building the {scale} demo (seed {seed})…")
            with transaction.atomic():  # all or nothing, so the marker account means a complete demo
                for part in demo.demo_parts():
                    part.builder(ctx)
                    if ctx.bulk:
                        demo.refresh_statistics()  # for the next part's queries too
            elapsed = time.monotonic() - started
            rows = sum(model._default_manager.count() for model in apps.get_models() if model._meta.managed)
            self.stdout.write(self.style.SUCCESS(
                f"Demo built in {elapsed:.1f} s: {rows:,} rows ({rows / max(elapsed, 1e-9):,.0f} rows/s)."))
        for part in demo.demo_parts():
            if part.describe:
                part.describe(ctx)
        self._print_accounts(ctx.accounts)

    def _progress(self, started: float):
        def report(message: str) -> None:
            self.stdout.write(f"  [{time.monotonic() - started:5.1f} s] {message}")
        return report

    def _print_accounts(self, accounts: list[demo.DemoAccount]) -> None:
        out = self.stdout.write
        out("")
        for label, url in ((label, demo.base_url() + path) for label, path in SERVER_PATHS):
            out(f"{label}: {url}")
        out("")
        out(f"Demo accounts (password for every account: {demo.DEMO_PASSWORD})")
        rows = [("username", "role", "organisation", "sign in at", "second factor (TOTP secret)")]
        rows += [(a.username, a.role, a.organisation, a.login_url, a.totp_secret or "-") for a in accounts]
        widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            out("  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip())
            if index == 0:
                out("  ".join("-" * w for w in widths))
        notes = [a for a in accounts if a.note or a.totp_uri]
        if notes:
            out("")
        for account in notes:
            if account.note:
                out(f"{account.username}: {account.note}")
            if account.totp_uri:
                out(f"{account.username}: {account.totp_uri}")


def _width(text: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
