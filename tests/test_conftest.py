"""The test harness itself: a check that cannot fail is no check."""

import pytest

from conftest import FIXTURES


def test_a_missing_golden_fails_instead_of_being_written(golden):
    with pytest.raises(pytest.fail.Exception, match="missing"):
        golden("no-such-golden.json", {"written": False})
    assert not (FIXTURES / "expected" / "no-such-golden.json").exists()
