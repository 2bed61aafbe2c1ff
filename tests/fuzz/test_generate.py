"""Generation is pure: a seed and a budget fix every request, operation by operation."""

from __future__ import annotations

import importlib

from conformance.fuzz.run.campaign import build_plan
from conformance.fuzz.plan.cases import Stream
from conformance.fuzz.judge.expectations import judge
from conformance.fuzz.plan.operation_needs import operation
from conformance.fuzz.settings import FuzzSettings

SMALL = FuzzSettings(examples=4)


def _sent(plan, name):
    return [(c.stream, c.label, c.body) for c in plan.cases[name]]


def test_the_same_seed_and_budget_draw_the_same_cases():
    ops = [operation("Accept"), operation("Save")]
    first, again = build_plan(ops, [], SMALL), build_plan(ops, [], SMALL)
    assert _sent(first, "Save") == _sent(again, "Save")
    assert first.ids == again.ids


def test_another_seed_draws_other_cases():
    ops = [operation("Save")]
    assert _sent(build_plan(ops, [], SMALL), "Save") != _sent(build_plan(ops, [], FuzzSettings(seed=7, examples=4)), "Save")


def test_an_operation_draws_the_same_cases_alone_or_with_others():
    alone = build_plan([operation("Complete")], [], SMALL)
    together = build_plan([operation("Accept"), operation("Complete"), operation("Save")], [], SMALL)
    assert _sent(alone, "Complete") == _sent(together, "Complete")


def test_streams_and_their_order():
    plan = build_plan([operation("AttachUserData")], [operation("Send")], SMALL)
    streams = [c.stream for c in plan.cases["AttachUserData"]]
    assert streams == sorted(streams, key=[Stream.VALID, Stream.INVALID, Stream.WILD].index)
    assert {Stream.VALID, Stream.INVALID, Stream.WILD} <= set(streams)
    positive = [c for c in plan.cases["AttachUserData"] if c.label.startswith("schemathesis positive")]
    assert positive and all(judge(c.op, c.body).valid for c in positive)
    assert "Send" in plan.positive and "Send" not in plan.cases  # chain steps only


def test_negative_mode_sends_bodies_that_are_not_json_objects_too():
    plan = build_plan([operation("Accept"), operation("Complete")], [], FuzzSettings(examples=10))
    wild = [c.body for name in ("Accept", "Complete") for c in plan.cases[name] if c.stream is Stream.WILD]
    assert any(isinstance(body, bytes) for body in wild)
    assert any(isinstance(body, dict) for body in wild)


def test_fuzzed_ids_are_raw_values():
    ids = build_plan([], [], FuzzSettings(examples=10)).ids
    assert ids and all(isinstance(i, str) and i for i in ids)
    assert any(not i.isascii() for i in ids)  # schemathesis keeps them percent-encoded; we do not


def test_modules_imported_meanwhile_do_not_change_the_cases(tmp_path, monkeypatch):
    """Hypothesis draws constants from local modules; a seed must not depend on what is imported."""
    ops = [operation("Save"), operation("AttachUserData")]
    before = build_plan(ops, [], FuzzSettings(examples=20))
    module = tmp_path / "gwsct_constants_module.py"
    module.write_text("".join(f'NAME_{n} = "gwsct-k{n}"\nNUMBER_{n} = {7919 * n + 100}\n' for n in range(200)), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("gwsct_constants_module")
    after = build_plan(ops, [], FuzzSettings(examples=20))
    for name in ("Save", "AttachUserData"):
        assert _sent(before, name) == _sent(after, name)
