"""Expected-failure baselines for CI: load, apply to a report, write one from a run.

A baseline file (YAML) lists known failures:

    expected_failures:
      - requirement: EMAIL-ACCEPT-01
        check: test_accept_answers_200     # optional: without it, every check of the requirement
        reason: "ACME-1234: Accept answers 204"
        owner: mail-team                   # optional
        ticket: https://jira.acme.example/ACME-1234   # optional
        expires: 2026-12-31                # optional: valid through that day

Applying it turns each matching FAIL check into EXPECTED-FAIL. An entry is stale when the
checks it lists now pass, or when it has expired (then it excuses nothing): a stale entry
makes the run exit 4 unless something failed.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from conformance import yaml_safe
from conformance.errors import UsageError
from conformance.reports.json_report import requirement_verdict, summarise
from conformance.verdicts import Verdict

_REQUIREMENT_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\d{2}$")
_FIELDS = {"requirement", "check", "reason", "owner", "ticket", "expires"}
_PASSING = {Verdict.PASS.value, Verdict.PASS_NONSTRICT.value}

# Status of an entry after applying it to a run.
APPLIED = "applied"  # it excused at least one failing check
STALE = "stale"  # its checks pass now, or it expired (json_report.exit_code_of reads this value)
INCONCLUSIVE = "inconclusive"  # its checks were blocked, errored or not applicable
NOT_RUN = "not-run"  # the run did not include its requirement or check


@dataclass(frozen=True)
class BaselineEntry:
    requirement: str
    reason: str
    check: str | None = None
    owner: str | None = None
    ticket: str | None = None
    expires: date | None = None

    @property
    def key(self) -> str:
        return f"{self.requirement}:{self.check}" if self.check else self.requirement

    def expired(self, today: date) -> bool:
        return self.expires is not None and today > self.expires

    def matches(self, check: dict[str, Any]) -> bool:
        if self.check is None:
            return True
        name = str(check.get("name", ""))
        return self.check in (name, name.split("[", 1)[0], check.get("nodeid"))

    def as_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"requirement": self.requirement}
        if self.check:
            entry["check"] = self.check
        entry["reason"] = self.reason
        for name in ("owner", "ticket"):
            if getattr(self, name):
                entry[name] = getattr(self, name)
        if self.expires:
            entry["expires"] = self.expires.isoformat()
        return entry


@dataclass(frozen=True)
class Baseline:
    entries: tuple[BaselineEntry, ...]
    source: str = ""


def _text(raw: dict[str, Any], name: str, where: str, *, required: bool = False) -> str | None:
    value = raw.get(name)
    if value is None:
        if required:
            raise UsageError(f"{where}: '{name}' is required")
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool) or not str(value).strip():
        raise UsageError(f"{where}: '{name}' must be a non-empty string")
    return str(value).strip()


def _date(value: Any, where: str) -> date | None:
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise UsageError(f"{where}: 'expires' must be a date YYYY-MM-DD, not {value!r}")


def parse_baseline(raw: Any, source: str = "baseline") -> Baseline:
    if not isinstance(raw, dict) or set(raw) != {"expected_failures"} or not isinstance(raw["expected_failures"], list):
        raise UsageError(f"{source}: a baseline is a mapping with one key, 'expected_failures', holding a list")
    entries = []
    seen: set[str] = set()
    for index, item in enumerate(raw["expected_failures"]):
        where = f"{source}: expected_failures[{index}]"
        if not isinstance(item, dict):
            raise UsageError(f"{where}: an entry is a mapping")
        unknown = set(item) - _FIELDS
        if unknown:
            raise UsageError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}; allowed: {', '.join(sorted(_FIELDS))}")
        requirement = _text(item, "requirement", where, required=True)
        assert requirement is not None
        if not _REQUIREMENT_ID.match(requirement):
            raise UsageError(f"{where}: {requirement!r} is not a requirement ID (e.g. EMAIL-ACCEPT-01)")
        entry = BaselineEntry(
            requirement=requirement,
            reason=_text(item, "reason", where, required=True) or "",
            check=_text(item, "check", where),
            owner=_text(item, "owner", where),
            ticket=_text(item, "ticket", where),
            expires=_date(item.get("expires"), where),
        )
        if entry.key in seen:
            raise UsageError(f"{where}: {entry.key} is listed twice")
        seen.add(entry.key)
        entries.append(entry)
    return Baseline(tuple(entries), source)


def load_baseline(path: str | Path) -> Baseline:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    try:
        raw = yaml_safe.safe_load(text)
    except yaml.YAMLError as exc:
        raise UsageError(f"baseline {path} is not valid YAML: {str(exc).splitlines()[0]}") from None
    return parse_baseline(raw, str(path))


def apply_baseline(report: dict[str, Any], baseline: Baseline, today: date) -> dict[str, Any]:
    """A copy of `report` with the baseline applied and report['baseline'] describing each entry."""
    result = copy.deepcopy(report)
    by_id = {r["id"]: r for r in result["requirements"]}
    outcomes = []
    for entry in baseline.entries:
        requirement = by_id.get(entry.requirement)
        checks = [c for c in requirement["checks"] if entry.matches(c)] if requirement else []
        # A check an earlier entry already excused still counts as failing for this one.
        failing = [c for c in checks if c["verdict"] in (Verdict.FAIL.value, Verdict.EXPECTED_FAIL.value)]
        outcome: dict[str, Any] = {**entry.as_dict(), "checks": [c["name"] for c in checks]}
        if entry.expired(today):
            assert entry.expires is not None  # expired() is False without a date
            outcome.update(status=STALE, why=f"expired on {entry.expires.isoformat()}; it no longer excuses failures")
        elif failing:
            for check in failing:
                if check["verdict"] == Verdict.FAIL.value:
                    check["verdict"] = Verdict.EXPECTED_FAIL.value
                    check["baseline"] = {**entry.as_dict(), "original_verdict": Verdict.FAIL.value}
            outcome.update(status=APPLIED, why=f"excuses {len(failing)} failing check(s)")
        elif not checks:
            outcome.update(status=NOT_RUN, why="the run did not include this " + ("check" if entry.check else "requirement"))
        elif all(c["verdict"] in _PASSING for c in checks):
            outcome.update(status=STALE, why="now passes: remove the entry")
        else:
            verdicts = ", ".join(sorted({c["verdict"] for c in checks}))
            outcome.update(status=INCONCLUSIVE, why=f"its checks were {verdicts}: cannot tell whether it still fails")
        outcomes.append(outcome)
    for requirement in result["requirements"]:
        requirement["verdict"] = requirement_verdict(requirement["checks"])
    result["baseline"] = {"source": baseline.source, "today": today.isoformat(), "entries": outcomes}
    result["summary"] = summarise(result)
    return result


def stale_entries(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in (report.get("baseline") or {}).get("entries", []) if e["status"] == STALE]


def baseline_from_report(report: dict[str, Any], *, reason: str | None = None, owner: str | None = None,
                         ticket: str | None = None, expires: date | None = None) -> Baseline:
    """One entry per failing check of a run; checks a previous baseline excused keep their entry's details."""
    entries = []
    for requirement in report["requirements"]:
        for check in requirement["checks"]:
            if check["verdict"] == Verdict.EXPECTED_FAIL.value and check.get("baseline"):
                previous = check["baseline"]
                entries.append(
                    BaselineEntry(
                        requirement=requirement["id"],
                        check=check["name"],
                        reason=previous.get("reason") or "listed in the previous baseline",
                        owner=previous.get("owner"),
                        ticket=previous.get("ticket"),
                        expires=date.fromisoformat(previous["expires"]) if previous.get("expires") else None,
                    )
                )
            elif check["verdict"] == Verdict.FAIL.value:
                first_line = (check.get("message") or "failed").splitlines()[0][:160]
                entries.append(
                    BaselineEntry(requirement["id"], reason or first_line, check["name"], owner, ticket, expires)
                )
    return Baseline(tuple(entries))


def dump_baseline(baseline: Baseline, *, header: str = "") -> str:
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    body = yaml.safe_dump({"expected_failures": [e.as_dict() for e in baseline.entries]}, sort_keys=False, allow_unicode=True, width=100)
    return comment + body
