"""``advice.muscles`` is a tuple that can also be indexed by muscle name (issue #11)."""

from __future__ import annotations

import pytest

import recovery_advisor as ra

NOW = "2026-11-25T08:00:00"


@pytest.fixture(scope="module")
def advice() -> ra.Advice:
    return ra.advise(ra.load_history("examples/history.json"), now=NOW)


def test_indexed_by_name_like_readiness(advice: ra.Advice) -> None:
    """``advice.muscles["hamstrings"]`` is that muscle's status, agreeing with readiness."""
    status = advice.muscles["hamstrings"]
    assert isinstance(status, ra.MuscleStatus)
    assert status.muscle == "hamstrings"
    assert status.readiness == advice.readiness["hamstrings"]
    for m in advice.muscles:
        assert advice.muscles[m.muscle] is m


def test_still_a_tuple(advice: ra.Advice) -> None:
    """Positions, slices, iteration, len and equality with a plain tuple work as before."""
    muscles = advice.muscles
    assert isinstance(muscles, tuple)
    assert muscles[0] is next(iter(muscles))
    assert muscles[-1] is tuple(muscles)[-1]
    assert muscles[:2] == tuple(muscles)[:2]
    assert muscles == tuple(muscles)
    assert muscles.names() == tuple(m.muscle for m in muscles)


def test_membership_and_get_by_name(advice: ra.Advice) -> None:
    """``in`` and ``get`` accept names and statuses."""
    assert "hamstrings" in advice.muscles
    assert advice.muscles[0] in advice.muscles
    assert "hamstring" not in advice.muscles
    assert advice.muscles.get("hamstrings") is advice.muscles["hamstrings"]
    assert advice.muscles.get("no-such") is None


def test_unknown_names_suggest_and_untrained_muscles_point_at_readiness() -> None:
    """A misspelt muscle gets a suggestion; a muscle without status says where readiness is."""
    advice = ra.advise({"workouts": []}, now=NOW)
    with pytest.raises(
        KeyError, match=r"'hamstring' is not a muscle \(did you mean 'hamstrings'\?\)"
    ):
        advice.muscles["hamstring"]
    with pytest.raises(KeyError, match=r"readiness\['calves'\]"):
        advice.muscles["calves"]
    assert advice.readiness["calves"] == 100


def test_json_is_unchanged(advice: ra.Advice) -> None:
    """to_dict still maps each muscle to its status, in the same order."""
    data = advice.to_dict()["muscles"]
    assert list(data) == [m.muscle for m in advice.muscles]
    assert data["hamstrings"] == advice.muscles["hamstrings"].to_dict()


def test_a_plain_tuple_is_converted() -> None:
    """Advice built by hand with a plain tuple still offers lookup by name."""
    status = ra.MuscleStatus("lats", 50, "recovering", 10, "Thursday morning", 6.0)
    built = ra.Advice(
        now=ra.advise({}, now=NOW).now,
        verdict="train",
        recommendations=(),
        readiness={"lats": 50},
        muscles=(status,),
    )
    assert built.muscles["lats"] is status
