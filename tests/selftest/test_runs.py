"""The batch runner spreads the self-test's runs over its processes."""

from __future__ import annotations

from conformance.selftest.runs import CLEAN, WHOLE_SUITE_COST, Job, _balanced


def test_whole_suite_runs_spread_over_the_batches_before_the_short_ones():
    jobs = [Job(f"{CLEAN}-1"), Job(f"{CLEAN}-2")] + [Job(f"f{n}", faults=frozenset({f"f{n}"}), sections=("s",)) for n in range(12)]
    jobs += [Job("v", variants=frozenset({"v"}))]
    batches = _balanced(jobs, 2)
    assert sorted(job.label for batch in batches for job in batch) == sorted(job.label for job in jobs)
    loads = [sum(job.cost for job in batch) for batch in batches]
    assert max(loads) - min(loads) <= 1, loads  # 3 whole runs and 12 short ones: 21 + 21
    assert all(batch[0].cost == WHOLE_SUITE_COST for batch in batches)  # the long runs go first


def test_a_variant_run_has_its_own_folder_beside_a_fault_of_the_same_name(tmp_path):
    assert Job("x", faults=frozenset({"x"})).folder(tmp_path) != Job("x", variants=frozenset({"x"})).folder(tmp_path)


def test_a_group_of_every_variant_gets_a_short_distinct_folder(tmp_path):
    """A group's label joins its members: the whole registry is far beyond a file name's 255 bytes."""
    names = [f"variant-number-{n:02d}-with-a-long-name" for n in range(30)]
    group = Job("+".join(names), variants=frozenset(names))
    other = Job("+".join(names[1:]), variants=frozenset(names[1:]))
    assert len(group.folder(tmp_path).name) < 64 and group.folder(tmp_path) != other.folder(tmp_path)
    group.folder(tmp_path).mkdir(parents=True)
