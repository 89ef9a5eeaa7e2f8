"""Seeds and random streams: one generator per random input, that no other input shares.

Each random node (a leaf that is not exact, or a mixture's choice) draws from its own
generator, a child of the evaluation's root ``SeedSequence`` identified by a key:

* a **named** input's key is the full 128-bit BLAKE2b hash of its name, so its draws
  do not depend on the rest of the graph, and two different names never share a
  stream (the chance of a collision is about 2^-128 per pair);
* an **unnamed** input's key is its position among the unnamed inputs in the order the
  graph is walked (children before parents, left to right), so appending a term
  leaves the earlier terms' draws unchanged.

The two kinds of key start with different words, so they never meet.

>>> import ranges as rg
>>> a, b = rg.between(1, 2, name="plumless"), rg.between(1, 2, name="buckeroo")
>>> keys = stream_keys(a - b)
>>> keys[id(a)] != keys[id(b)]
True
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import numpy as np

from ranges.errors import InputError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate

SeedLike = int | np.random.Generator | np.random.SeedSequence | None

_UNNAMED, _NAMED = 0, 1


def root_seed(rng: SeedLike) -> tuple[np.random.SeedSequence, int | None]:
    """The root ``SeedSequence`` for one evaluation and the int seed behind it (if any).

    An int (or None, which takes ``ranges.defaults.seed``) gives the same numbers every
    time; a ``Generator`` is advanced, so consecutive calls differ (SPEC 7).

    >>> root_seed(5)[1]
    5
    """
    if rng is None:
        from ranges._config import defaults

        rng = defaults.seed
    if isinstance(rng, np.random.SeedSequence):
        return rng, None
    if isinstance(rng, np.random.Generator):
        entropy = [int(x) for x in rng.integers(0, 2**63, size=2)]
        return np.random.SeedSequence(entropy), None
    if rng is None:
        return np.random.SeedSequence(), None
    if isinstance(rng, bool) or not isinstance(rng, int | np.integer):
        raise InputError(
            f"rng must be an int seed, a numpy.random.Generator or None, got {rng!r}"
        )
    if rng < 0:
        raise InputError(f"a seed must be a non-negative integer, got {rng}")
    return np.random.SeedSequence(int(rng)), int(rng)


def name_key(name: str) -> tuple[int, ...]:
    """The stream key of a named input: its name's 128-bit BLAKE2b hash as four words.

    >>> len(name_key("troops last fall"))
    5
    """
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=16).digest()
    return (_NAMED, *(int.from_bytes(digest[i:i + 4], "little") for i in range(0, 16, 4)))


def stream_keys(root: Estimate) -> dict[int, tuple[int, ...]]:
    """The stream key of every random node under ``root``, by ``id`` (see the module
    docstring); two different inputs with one name are refused."""
    keys: dict[int, tuple[int, ...]] = {}
    names: dict[str, int] = {}
    counter = 0
    nodes = list(root.walk())
    _check_joint_inputs(nodes)
    for node in nodes:
        if not node.is_random:
            continue
        if node.name is None:
            keys[id(node)] = (_UNNAMED, counter)
            counter += 1
            continue
        if names.setdefault(node.name, id(node)) != id(node):
            raise InputError(
                f"two different inputs are both named {node.name!r}; a name identifies "
                "an input (its random draws), so give each its own, or use label= to "
                "show the same words for both"
            )
        keys[id(node)] = name_key(node.name)
    return keys


def _check_joint_inputs(nodes: list[Estimate]) -> None:
    """Refuse an input used both through a correlation and as itself (or in two
    correlations): its draws would be reordered in one place and not in the other,
    which is neither the same draw nor an independent one."""
    from ranges.core._ops import Form

    owner: dict[int, int] = {}
    for node in nodes:
        if node.form is Form.JOINT:
            for part in node.args:
                if owner.setdefault(id(part), id(node)) != id(node):
                    raise _mixed(part, "two correlations")
    if not owner:
        return
    for node in nodes:
        if node.form is Form.JOINT:
            continue
        for child in node.args:
            if id(child) in owner:
                raise _mixed(child, "a correlation and directly")


def _mixed(part: Estimate, where: str) -> InputError:
    from ranges.core._render import label

    return InputError(
        f"the input {label(part)!r} is used through {where}: use the estimates "
        "rg.correlate returned in place of its inputs, not beside them (or call "
        "comonotonic() on the whole estimate)")


def stream(root: np.random.SeedSequence, key: tuple[int, ...]) -> np.random.Generator:
    """The generator of one random node: a child of ``root`` identified by ``key``."""
    child = np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, *key))
    return np.random.Generator(np.random.PCG64(child))


def streams(root: Estimate, sequence: np.random.SeedSequence) -> dict[int, np.random.Generator]:
    """A generator for every random node under ``root``, by ``id``."""
    return {nid: stream(sequence, key) for nid, key in stream_keys(root).items()}


__all__ = ["SeedLike", "name_key", "root_seed", "stream", "stream_keys", "streams"]
