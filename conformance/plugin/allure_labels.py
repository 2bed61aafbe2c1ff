"""Allure labels, links and attachments of one judged check (allure-pytest; --alluredir).

Called at judging time, inside the check's own test: Allure takes them live. Without
--alluredir allure-pytest is not listening and every call here is a no-op.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import allure

if TYPE_CHECKING:
    from conformance.catalog import Requirement
    from conformance.check_result import CheckResult

SEVERITY = {"MUST": allure.severity_level.CRITICAL, "SHOULD": allure.severity_level.NORMAL, "MAY": allure.severity_level.MINOR}


def label_check(result: CheckResult, requirement: Requirement) -> None:
    allure.dynamic.title(f"{requirement.id} {result.name}")
    allure.dynamic.label("requirement", requirement.id)
    allure.dynamic.tag(requirement.id)
    allure.dynamic.tag(f"verdict:{result.verdict.value}")
    allure.dynamic.parent_suite("gws-conformance")
    allure.dynamic.suite(requirement.section)
    allure.dynamic.sub_suite(requirement.id)
    allure.dynamic.severity(SEVERITY[requirement.keyword])
    allure.dynamic.description(f"{requirement.keyword}: {requirement.sentence}\n\nStimulus: {result.stimulus}")
    for url in requirement.sources:
        allure.dynamic.link(url, name=url.rsplit("/", 1)[-1] or url)
    if requirement.applies_to:
        allure.dynamic.label("feature", requirement.applies_to)
    allure.attach(
        json.dumps(result.evidence, indent=2, ensure_ascii=False), name="timeline", attachment_type=allure.attachment_type.JSON
    )
    if result.expected is not None or result.observed is not None:
        allure.attach(
            json.dumps({"expected": result.expected, "observed": result.observed}, indent=2, ensure_ascii=False, default=str),
            name="expected vs observed",
            attachment_type=allure.attachment_type.JSON,
        )
    reproduction = result.reproduction
    if reproduction:
        allure.attach(reproduction["curl"], name="reproduce: curl", attachment_type=allure.attachment_type.TEXT)
        if reproduction.get("python"):
            allure.attach(reproduction["python"], name="reproduce: python", attachment_type=allure.attachment_type.TEXT)
