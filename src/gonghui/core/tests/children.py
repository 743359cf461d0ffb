"""Functions the tests run in a second process (core.processes.start needs them importable by name)."""


def allocate(channel, megabytes: int) -> None:
    try:
        block = bytearray(megabytes * 1024 * 1024)
    except MemoryError:
        channel.put("MemoryError")
    else:
        channel.put(f"allocated {len(block) // 1024**2} MB")
