"""The PostgreSQL rebuild's writer processes: every chunk built and written once, counts and
words added up, progress reported, and a failure raised with the feeding stopped."""

import os
from collections import Counter

import pytest

from search.engines.base import EngineError
from search.engines.postgres import _rebuild_in_processes


class Batches:
    """Chunks of made-up documents; build() runs in the writer processes."""

    def __init__(self, count, fail_at=None):
        self.count, self.fail_at, self.fed = count, fail_at, 0

    def chunks(self):
        for number in range(self.count):
            self.fed += 1
            yield 0, [number * 10 + i for i in range(3)]

    def build(self, chunk):
        _number, ids = chunk
        if ids[0] == self.fail_at:
            raise ValueError("the database refused a row")
        return len(ids), [f"doc-{i}" for i in ids]


class Engine:
    def _rebuild_batch(self, documents):
        return Counter({("word", 1, 0): 1, (documents[0], None, 0): 2, ("pid", os.getpid(), 0): 1})


def test_every_chunk_is_built_and_written_once_by_the_writers():
    progress, words = [], Counter()
    count = _rebuild_in_processes(Engine(), Batches(20), 2, progress.append, words)

    assert count == 60
    assert sum(progress) == 60
    assert words[("word", 1, 0)] == 20
    assert all(words[(f"doc-{n * 10}", None, 0)] == 2 for n in range(20))
    writers = {key[1] for key in words if key[0] == "pid"}
    assert os.getpid() not in writers
    assert 1 <= len(writers) <= 2


def test_a_failure_is_raised_and_the_feeding_stops():
    batches = Batches(1000, fail_at=50)
    with pytest.raises(EngineError, match="refused a row"):
        _rebuild_in_processes(Engine(), batches, 2, None, Counter())
    assert batches.fed < 1000
