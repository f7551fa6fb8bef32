"""The public API: every advertised name resolves, and none is hidden by a subpackage."""

from __future__ import annotations

import pkgutil

import resumegen


def test_every_public_name_resolves() -> None:
    for name in resumegen.__all__:
        assert getattr(resumegen, name) is not None, name


def test_no_public_name_is_also_a_subpackage() -> None:
    # `import resumegen.enrich` sets the attribute `enrich` on the package, which
    # would hide a lazily loaded API function of the same name.
    modules = {m.name for m in pkgutil.iter_modules(resumegen.__path__)}
    assert modules & set(resumegen.__all__) == set()
