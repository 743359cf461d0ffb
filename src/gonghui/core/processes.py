"""Work in a second process: a *spawned* interpreter (never a fork, which would copy the caller's threads and
database connections) that sets Django up, then runs a function named by its dotted path.

This module is the child's entry point, so it imports nothing that needs the app registry."""

import importlib
import multiprocessing


def start(target: str, *args, name: str = "gonghui-worker", settings_overrides: dict | None = None):
    """Start ``target`` ("package.module:function") with ``args`` (picklable) in a new process; returns the
    Process (daemonic: it dies with the caller). ``settings_overrides`` are applied in the child after setup,
    for settings the caller changed at run time."""
    context = multiprocessing.get_context("spawn")
    process = context.Process(target=_child_main, name=name, daemon=True,
                              args=(target, args, settings_overrides or {}))
    process.start()
    return process


def queue(maxsize: int):
    """A queue both sides of ``start`` can use."""
    return multiprocessing.get_context("spawn").Queue(maxsize=maxsize)


def _child_main(target: str, args: tuple, settings_overrides: dict) -> None:  # pragma: no cover (child)
    import django
    from django.conf import settings

    django.setup()
    for name, value in settings_overrides.items():
        setattr(settings, name, value)
    module_name, _, function_name = target.partition(":")
    getattr(importlib.import_module(module_name), function_name)(*args)
