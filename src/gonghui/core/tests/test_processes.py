"""core.processes: a second process with limits (issue 19 §7: a job's memory and time)."""

from gonghui.core import processes

TARGET = "gonghui.core.tests.children:allocate"


def _run(megabytes: int, limits):
    channel = processes.queue(1)
    process = processes.start(TARGET, channel, megabytes, limits=limits)
    try:
        return channel.get(timeout=60)
    finally:
        process.join(timeout=30)


def test_the_memory_limit_refuses_an_allocation_beyond_it():
    limits = processes.Limits(memory_bytes=1024**3, cpu_seconds=60)
    assert _run(16, limits) == "allocated 16 MB"
    assert _run(2048, limits) == "MemoryError"


def test_a_process_with_limits_leads_its_own_group_and_is_stopped_with_it():
    import os
    import time

    limits = processes.Limits(cpu_seconds=60)
    process = processes.start("time:sleep", 60, limits=limits)
    for _ in range(200):
        try:
            if os.getpgid(process.pid) == process.pid:
                break
        except ProcessLookupError:
            break
        time.sleep(0.05)
    assert os.getpgid(process.pid) == process.pid
    processes.stop(process)
    assert not process.is_alive() and process.exitcode != 0
