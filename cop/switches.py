"""A switch that turns side effects off for the length of a block, in this thread only.

Bulk loads (the demo loader) use these so that saving hundreds of pages does not schedule
hundreds of index updates or announce hundreds of "new" case studies; they do the work once
at the end instead."""

import threading
from contextlib import contextmanager


class Suspension:
    def __init__(self):
        self._state = threading.local()

    @property
    def active(self) -> bool:
        return getattr(self._state, "active", False)

    @contextmanager
    def __call__(self):
        previous = self.active
        self._state.active = True
        try:
            yield
        finally:
            self._state.active = previous
