"""A profile checked against schemas/profile.schema.json; the first error as one line.

The schema is closed at every level, so a typo is an error naming the nearest known key;
every number must be finite, and an http-url must have a host and a port in 1..65535.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import jsonschema
from jsonschema.exceptions import ValidationError

from conformance.errors import UsageError
from conformance.evidence.redact import redact_text
from conformance.schemas import schema

SCHEMA_NAME = "profile"
_TABLES = ("target", "injector", "queues", "attachments", "routing", "features", "timeouts", "intake")
_NAME = "^\\S(.*\\S)?$"  # the pattern of a queue name or document id: not empty, no outer spaces


def _finite_number(checker: Any, value: Any) -> bool:
    return jsonschema.Draft202012Validator.TYPE_CHECKER.is_type(value, "number") and math.isfinite(value)


def _is_http_url(value: object) -> bool:
    if not isinstance(value, str):
        return True  # the type keyword reports a non-string
    try:
        parsed = urlsplit(value)
        port = parsed.port  # ValueError beyond 65535
    except ValueError:
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.hostname) and port != 0


_FORMATS = jsonschema.FormatChecker(formats=())
_FORMATS.checks("http-url")(_is_http_url)
_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("number", _finite_number),
)


def check_profile(raw: dict[str, Any], origin: str) -> None:
    """Raise UsageError("profile ORIGIN: WHERE: WHAT") for the first thing wrong in `raw`."""
    errors = list(_Validator(schema(SCHEMA_NAME), format_checker=_FORMATS).iter_errors(raw))
    if errors:
        first = min(errors, key=_rank)
        raise UsageError(redact_text(f"profile {origin}: {describe(first)}"))


def _rank(error: ValidationError) -> tuple[int, int, int, str]:
    # A typo explains the missing key it stands for: name the typo first, then a wrong
    # value before a missing one (a password_env of the wrong type also fails oneOf);
    # then the shallowest error, in document order.
    absent = error.validator in ("required", "oneOf", "minItems")
    return (error.validator != "additionalProperties", absent, len(error.absolute_path), str(list(error.absolute_path)))


def where(path: Sequence[str | int]) -> str:
    """[target].cometd_url, agents[1].password_env, [timeouts].http; "profile" for the top."""
    if not path:
        return "profile"
    head, *rest = path
    text = f"[{head}]" if head in _TABLES else str(head)
    for part in rest:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def describe(error: ValidationError) -> str:
    path = list(error.absolute_path)
    rule = error.validator
    # types-jsonschema allows Unset (a hand-built error) and a bool schema; an error from
    # iter_errors on this object schema has them all set, its subschema an object.
    value: Any = error.instance
    rule_value: Any = error.validator_value
    subschema: Any = error.schema
    if rule == "additionalProperties":
        known = list(subschema.get("properties", {}))
        unknown = sorted(set(value) - set(known))[0]
        nearest = difflib.get_close_matches(unknown, known, n=1, cutoff=0.6)
        hint = f" (did you mean {nearest[0]}?)" if nearest else f" (known: {', '.join(known)})"
        return f"{where([*path, unknown])}: unknown key{hint}"
    if rule == "required":
        missing = next(k for k in rule_value if k not in value)
        return f"{where([*path, missing])}: missing"
    if rule == "type":
        expected = rule_value
        article = "a finite number" if expected == "number" else f"{'an' if expected[0] in 'aeiou' else 'a'} {expected}"
        return f"{where(path)}: must be {article}, got {_shown(value)}"
    if rule == "format":
        return f"{where(path)}: must be an http(s) URL with a host (port 1-65535), got {_shown(value)}"
    if rule == "enum":
        return f"{where(path)}: must be one of {', '.join(map(str, rule_value))}, got {_shown(value)}"
    if rule in ("minimum", "maximum", "exclusiveMinimum"):
        return f"{where(path)}: must be {_range(subschema)}, got {_shown(value)}"
    if rule == "minItems" and path == ["agents"]:
        return "agents: needs at least two [[agents]] (multi-agent checks need a second agent)"
    if rule == "oneOf" and len(path) == 2 and path[0] == "agents":
        return f"{where(path)}: needs exactly one of password, password_env"
    if rule == "pattern" and rule_value == _NAME:
        return f"{where(path)}: must be a name, not empty and without leading or trailing spaces, got {_shown(value)}"
    if rule in ("minLength", "pattern"):
        return f"{where(path)}: must not be empty"
    if rule == "uniqueItems":
        twice = next(v for i, v in enumerate(value) if v in value[:i])
        return f"{where(path)}: lists {_shown(twice)} twice"
    return f"{where(path)}: {error.message}"


def _range(rule: dict[str, Any]) -> str:
    if "exclusiveMinimum" in rule:
        low = f"more than {rule['exclusiveMinimum']:g}"
    else:
        low = f"at least {rule.get('minimum', '-inf')}"
    return f"{low} and at most {rule['maximum']:g}" if "maximum" in rule else low


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return repr(value) if isinstance(value, str) else str(value)
