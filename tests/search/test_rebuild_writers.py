"""The PostgreSQL rebuild's writer processes: every chunk built and written once, counts and
words added up, progress reported, and any failure (an error, a writer that exits or dies)
raised promptly with the feeding stopped, never a rebuild that looks complete."""

import os
import signal
import sys
from collections import Counter

import pytest

from search.engines.base import EngineError
from search.engines.postgres import _rebuild_in_processes


class Batches:
    """Chunks of made-up documents; build() runs in the writer processes."""

    def __init__(self, count, fail_at=None, how=ValueError):
        self.count, self.fail_at, self.how, self.fed = count, fail_at, how, 0

    listing = False  # set in this process once chunks are listed (which reads the database)

    def chunks(self):
        self.listing = True
        for number in range(self.count):
            self.fed += 1
            yield 0, [number * 10 + i for i in range(3)]

    def build(self, chunk):
        _number, ids = chunk
        if self.fail_at in (ids[0], "all"):
            if self.how == "exit":
                sys.exit(0)
            if self.how == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            raise self.how("the database refused a row")
        # A writer forked after the listing began would share its database connection.
        return len(ids), [f"doc-{i}" for i in ids] + (["forked late"] if self.listing else [])


class Engine:
    def _rebuild_chunk(self, batches, chunk):
        pages, documents = batches.build(chunk)
        return pages, len(documents), self._counts(documents)

    def _counts(self, documents):
        return Counter(
            {("word", 1, 0): 1, (documents[0], None, 0): 2, ("pid", os.getpid(), 0): 1}
            | {(document, None, 0): 1 for document in documents if document == "forked late"}
        )


def test_every_chunk_is_built_and_written_once_by_the_writers():
    progress, written, words = [], [], Counter()

    def tally(pages, documents, counted):
        progress.append(pages)
        written.append(documents)
        words.update(counted)

    _rebuild_in_processes(Engine(), Batches(20), 2, tally)
    count = sum(written)

    assert words[("forked late", None, 0)] == 0  # forked before any connection was opened
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
        _rebuild_in_processes(Engine(), batches, 2, lambda *report: None)
    assert batches.fed < 1000


@pytest.fixture
def prompt():
    """Fail instead of hanging."""

    def too_long(*_args):
        raise TimeoutError("the rebuild did not return")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("how", [ValueError, "exit", "kill"])
def test_every_writer_failing_is_raised_promptly(prompt, how):
    batches = Batches(1000, fail_at="all", how=how)
    with pytest.raises(EngineError):
        _rebuild_in_processes(Engine(), batches, 2, lambda *report: None)
    assert batches.fed < 1000


@pytest.mark.parametrize("how", ["exit", "kill"])
def test_a_writer_that_exits_or_dies_midway_is_an_error(prompt, how):
    batches = Batches(200, fail_at=50, how=how)
    with pytest.raises(EngineError):
        _rebuild_in_processes(Engine(), batches, 2, lambda *report: None)
