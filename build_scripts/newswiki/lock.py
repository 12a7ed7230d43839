"""One build per project at a time.

Two builds of one project at once would each stage docs/ and site/ and swap them in,
and one of them could swap in a site the other was still deleting (a gutted site/, exit
0). So a build holds an exclusive lock on `<cache folder>/build.lock` (flock: released by
the system when the process ends, however it ends) from before it reads docs/ until after
its last swap; a second build says it is waiting and waits.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_NAME = "build.lock"

#: Lock files this process holds, with how many times (a build inside `build --check` takes it again).
_held: dict[Path, int] = {}


def say_waiting(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def build_lock(cache_dir: Path, notify: Callable[[str], None] = say_waiting) -> Iterator[None]:
    """Hold the project's build lock; when another process holds it, notify once and wait for it."""
    path = (cache_dir / LOCK_NAME).resolve()
    if _held.get(path):
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            notify(f"another build of this project is running{f' (process {holder})' if holder.isdigit() else ''}; "
                   "waiting for it to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        _held[path] = 1
        try:
            yield
        finally:
            del _held[path]
    finally:
        os.close(fd)  # closing releases the lock
