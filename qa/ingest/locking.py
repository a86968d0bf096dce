"""One exclusive flock, waited for if held: the corpus folder's lock (`qa add`, `remove`,
`restore`) and the index folder's build lock share it."""
from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def exclusive_flock(fd: int, waiting: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold an exclusive flock on `fd` (calling `waiting` if another holder must finish first),
    then unlock and close it: the corpus lock and the index's build lock alike."""
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
