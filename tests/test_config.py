"""ranges.defaults: settings changed in a ``using`` block are seen only by the thread or
asyncio task that changed them; assignment outside any block is process-wide."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Callable
from typing import Any

import pytest

import ranges as rg
from ranges._config import Defaults


def _in_thread(work: Callable[[], Any]) -> Any:
    """Run ``work`` in a new thread (which starts from an empty context) and return what
    it returned."""
    out: list[Any] = []
    thread = threading.Thread(target=lambda: out.append(work()))
    thread.start()
    thread.join()
    return out[0]


def test_a_using_block_is_not_seen_by_another_thread_running_at_the_same_time() -> None:
    defaults = Defaults()
    inside = threading.Event()
    looked = threading.Event()
    seen: dict[str, int] = {}

    def changer() -> None:
        with defaults.using(n=1_000):
            inside.set()
            looked.wait(timeout=10)
            seen["changer"] = defaults.n

    def reader() -> None:
        inside.wait(timeout=10)
        seen["reader"] = defaults.n
        looked.set()

    threads = [threading.Thread(target=changer), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"changer": 1_000, "reader": 200_000}
    assert defaults.n == 200_000


def test_the_shared_defaults_object_is_isolated_between_threads() -> None:
    # the object every ranges function reads
    with rg.defaults.using(seed=123):
        assert rg.defaults.seed == 123
        assert _in_thread(lambda: rg.defaults.seed) == 0
    assert rg.defaults.seed == 0


def test_asyncio_tasks_each_see_their_own_using_block() -> None:
    defaults = Defaults()

    async def task(n: int, inside: list[int], both_inside: asyncio.Event) -> int:
        with defaults.using(n=n):
            inside.append(n)
            if len(inside) == 2:
                both_inside.set()
            await both_inside.wait()  # both tasks are inside their blocks now
            await asyncio.sleep(0)
            seen = defaults.n
            await asyncio.sleep(0)  # and both still are when the other one reads
        return seen

    async def main() -> tuple[int, int, int]:
        inside: list[int] = []
        both_inside = asyncio.Event()
        first = asyncio.create_task(task(10, inside, both_inside))
        second = asyncio.create_task(task(20, inside, both_inside))
        return await first, await second, defaults.n

    assert asyncio.run(main()) == (10, 20, 200_000)


def test_tasks_and_to_thread_started_inside_a_block_inherit_it() -> None:
    defaults = Defaults()

    async def main() -> tuple[int, int]:
        with defaults.using(level=0.5):
            child = asyncio.create_task(asyncio.sleep(0, result=None))
            await child
            in_task = await asyncio.create_task(_read_level(defaults))
            in_thread = await asyncio.to_thread(lambda: defaults.level)
        return in_task, in_thread

    assert asyncio.run(main()) == (0.5, 0.5)
    assert defaults.level == 0.9


async def _read_level(defaults: Defaults) -> float:
    return defaults.level


def test_assignment_outside_a_block_is_process_wide() -> None:
    defaults = Defaults()
    defaults.n = 5
    assert defaults.n == 5
    assert _in_thread(lambda: defaults.n) == 5
    with defaults.using(n=7):  # a block still overrides it here
        assert defaults.n == 7
        assert _in_thread(lambda: defaults.n) == 5


def test_assignment_inside_a_block_lasts_until_the_block_ends_and_stays_local() -> None:
    defaults = Defaults()
    with defaults.using(seed=1):
        defaults.n = 11  # not named by the block: still undone at its end
        defaults.seed = 2
        assert (defaults.n, defaults.seed) == (11, 2)
        assert _in_thread(lambda: (defaults.n, defaults.seed)) == (200_000, 0)
        with defaults.using(level=0.8):
            defaults.n = 12
            assert defaults.n == 12
        assert defaults.n == 11
    assert (defaults.n, defaults.seed, defaults.level) == (200_000, 0, 0.9)


def test_a_copied_context_carries_the_block() -> None:
    defaults = Defaults()
    with defaults.using(engine="mc"):
        snapshot = contextvars.copy_context()
    assert defaults.engine == "auto"
    assert snapshot.run(lambda: defaults.engine) == "mc"


def test_unknown_settings_are_refused_with_the_known_names() -> None:
    defaults = Defaults()
    with pytest.raises(rg.InputError, match=r"unknown default 'samples'.*known: engine"):
        defaults.using(samples=10).__enter__()
    with pytest.raises(rg.InputError, match="unknown default 'sed'"):
        defaults.sed = 1
    with pytest.raises(rg.InputError, match="unknown default"):
        Defaults(size=3)


def test_initial_values_and_repr() -> None:
    defaults = Defaults(n=10, engine="mc")
    assert (defaults.n, defaults.engine, defaults.seed, defaults.level) == (10, "mc", 0, 0.9)
    assert defaults.memory_budget == 512 * 2**20
    assert isinstance(defaults.units, rg.units.UnitSystem)
    assert "n=10" in repr(defaults) and "engine='mc'" in repr(defaults)


def test_each_defaults_object_has_its_own_unit_system() -> None:
    assert Defaults().units is not Defaults().units


def test_estimates_read_the_defaults_of_their_own_thread() -> None:
    estimate = rg.between(1, 2)

    def sample_size() -> int:
        return len(estimate.sample())

    with rg.defaults.using(n=50):
        assert sample_size() == 50
        assert _in_thread(lambda: rg.defaults.n) == rg.Defaults().n


def test_describe_lists_every_setting_and_every_reading_field_with_its_default() -> None:
    from dataclasses import fields

    from ranges._config import _settings

    table = rg.Defaults().describe()
    names = [line.split("|")[1].strip() for line in table.splitlines()[2:]
             if line.startswith("| ")]
    assert names == [*_settings(), *(f"reading.{f.name}" for f in fields(rg.Reading))]
    assert "| n | 200_000 |" in table and "| reading.level | 0.9 |" in table
    assert "now" not in table


def test_describe_shows_a_changed_value_next_to_its_default() -> None:
    mine = rg.Defaults(seed=None, reading=rg.Reading(one_sided_ratio=3, shape="pert"))
    table = mine.describe()
    assert "| seed | 0 (now None) |" in table
    assert "| reading.one_sided_ratio | 2.0 (now 3) |" in table
    assert "| reading.shape | 'auto' (now 'pert') |" in table
    assert "| reading.level | 0.9 |" in table
