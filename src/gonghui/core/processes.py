"""Work in a second process: a *spawned* interpreter (never a fork, which would copy the caller's threads and
database connections) that sets Django up, then runs a function named by its dotted path.

A process can be started with limits (``Limits``): the address space it may use (``RLIMIT_AS``: past it an
allocation fails, Python raises MemoryError) and the CPU seconds (``RLIMIT_CPU``, a backstop should the caller
die; the caller enforces the wall-clock time with ``stop``). Such a process leads a process group of its own, so
``stop`` also ends what it started in turn.

This module is the child's entry point, so it imports nothing that needs the app registry."""

import importlib
import multiprocessing
import os
import resource
import signal
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    memory_bytes: int | None = None
    cpu_seconds: int | None = None


def start(target: str, *args, name: str = "gonghui-worker", settings_overrides: dict | None = None,
          limits: Limits | None = None):
    """Start ``target`` ("package.module:function") with ``args`` (picklable) in a new process; returns the
    Process. ``settings_overrides`` are applied in the child before setup, for settings the caller changed at
    run time. Without ``limits`` the process is daemonic (it dies with the caller); with them it is not (so it may
    start processes of its own) and leads its own process group."""
    context = multiprocessing.get_context("spawn")
    process = context.Process(target=_child_main, name=name, daemon=limits is None,
                              args=(target, args, settings_overrides or {}, limits))
    process.start()
    return process


def stop(process, *, timeout: float = 10) -> None:
    """Kill a process started with limits, and its process group (a reader it started, say)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.join(timeout=timeout)


def lift_memory_limit() -> None:
    """Back to the hard limit, so that a process that ran out of its memory can still record why."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))


def queue(maxsize: int):
    """A queue both sides of ``start`` can use."""
    return multiprocessing.get_context("spawn").Queue(maxsize=maxsize)


def _apply(limits: Limits) -> None:
    if limits.cpu_seconds:
        _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        seconds = int(limits.cpu_seconds) + 1
        ceiling = hard if hard != resource.RLIM_INFINITY else seconds + 5
        resource.setrlimit(resource.RLIMIT_CPU, (min(seconds, ceiling), ceiling))
    if limits.memory_bytes:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = int(limits.memory_bytes) if hard == resource.RLIM_INFINITY else min(int(limits.memory_bytes), hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _child_main(target: str, args: tuple, settings_overrides: dict,
                limits: Limits | None) -> None:  # pragma: no cover (child)
    if limits is not None:
        os.setpgid(0, 0)  # first: whatever it starts belongs to its group, which stop() ends
    import django
    from django.conf import settings

    for name, value in settings_overrides.items():  # before setup, which may already open the database
        setattr(settings, name, value)
    django.setup()
    if limits is not None:
        _apply(limits)
    module_name, _, function_name = target.partition(":")
    getattr(importlib.import_module(module_name), function_name)(*args)
