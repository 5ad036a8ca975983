"""The spawn backend's warm pool (grader.sandbox.backends.SpawnBackend), without processes: the
workers started ahead of need are the ones the next exercises will ask for, and a run of known
length starts no worker it will not use."""

from __future__ import annotations

from grader.sandbox import backends

CH1, CH2 = ("numpy",), ("torch._dynamo",)


class CountingPool(backends.SpawnBackend):
    """A SpawnBackend whose workers are names: what was launched, discarded and handed out."""

    def __init__(self, warm: int = backends.WARM_SPAWNED, in_a_run: int = 2) -> None:
        super().__init__(warm)
        self.warm_in_a_run = in_a_run
        self.launched: list[tuple[str, ...]] = []
        self.discarded: list[tuple[str, ...]] = []

    def _launch(self, preload):  # type: ignore[override]
        self.launched.append(preload)
        return preload

    def _discard(self, idle):  # type: ignore[override]
        self.discarded.append(idle)




def test_a_run_launches_exactly_the_workers_it_uses_when_it_stays_in_one_chapter() -> None:
    pool = CountingPool(in_a_run=2)
    pool.expect(5)
    for _ in range(5):
        pool.start(CH1)
    assert len(pool.launched) == 5 and not pool.discarded


def test_after_a_chapter_change_the_pool_refills_with_the_new_chapters_workers() -> None:
    pool = CountingPool(in_a_run=2)
    pool.expect(6)
    for _ in range(3):
        pool.start(CH1)
    pool.start(CH2)  # the first of the new chapter: the pool held the old chapter's
    assert [p for p, _ in pool._pool] == [CH2, CH2], "the pool still holds the old chapter's"
    launched = len(pool.launched)
    pool.start(CH2)
    pool.start(CH2)
    assert len(pool.launched) == launched, "a worker of the new chapter was started cold"
    assert pool.discarded == [CH1] * len(pool.discarded) and len(pool.discarded) <= 2


def test_watch_keeps_the_small_pool_whatever_the_machine() -> None:
    pool = CountingPool(warm=2, in_a_run=4)
    pool.expect(None)
    pool.start(CH1)
    assert len(pool._pool) == 2


def test_a_run_keeps_more_workers_warm_only_where_cores_and_memory_allow() -> None:
    gib = 1 << 30
    assert backends.warm_for_a_run(cores=2, memory=32 * gib) == backends.WARM_SPAWNED
    assert backends.warm_for_a_run(cores=4, memory=32 * gib) == 3
    assert backends.warm_for_a_run(cores=16, memory=32 * gib) == backends.MOST_WARM_SPAWNED
    assert backends.warm_for_a_run(cores=16, memory=3 * gib) == 3
    assert backends.warm_for_a_run(cores=16, memory=None) == backends.MOST_WARM_SPAWNED
    assert backends.warm_for_a_run(cores=1, memory=1 * gib) == backends.WARM_SPAWNED


def test_the_cuda_backend_keeps_none_warm() -> None:
    assert backends.SpawnBackend(warm=0).warm_in_a_run == 0
