"""The OpenAPI document: it loads (schemathesis, the OAS 3.1 validator), covers every route the
suite judges or uses as test setup, and agrees with the JSON Schema files because it only $refs them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings

from conformance import schemas

OPENAPI_PATH = schemas.schema_dir() / "gws-email-api.openapi.yaml"
DOC: dict[str, Any] = yaml.safe_load(OPENAPI_PATH.read_text(encoding="utf-8"))

OPERATIONS = {  # (method, path) -> operationId
    ("get", "/api/v2/me"): "getMe",
    ("post", "/api/v2/me"): "postMeOperation",
    ("post", "/api/v2/me/channels/{channel}"): "postChannelOperation",
    ("get", "/api/v2/me/emails"): "getEmails",
    ("post", "/api/v2/me/emails"): "createEmail",
    ("get", "/api/v2/me/emails/{id}"): "getEmail",
    ("post", "/api/v2/me/emails/{id}"): "postEmailOperation",
}
REQUEST_SCHEMA_OF_PATH = {
    "/api/v2/me": "me-operation-request",
    "/api/v2/me/channels/{channel}": "channel-operation-request",
    "/api/v2/me/emails": "email-create-request",
    "/api/v2/me/emails/{id}": "email-operation-request",
}
DISCRIMINATED = {path: name for path, name in REQUEST_SCHEMA_OF_PATH.items() if name != "email-create-request"}
SUCCESS_SCHEMA = {
    "getMe": "get-me-response.schema.json",
    "getEmails": "get-emails-response.schema.json",
    "getEmail": "get-email-response.schema.json",
}
ERROR_SCHEMA = {"$ref": "response-envelope.schema.json#/$defs/Error"}
POST_ERRORS = {"400", "401", "403", "404", "409", "413", "415"}
GET_ERRORS = {"400", "401", "403", "404"}


@pytest.fixture(scope="module")
def loaded() -> schemathesis.schemas.BaseSchema:
    return schemathesis.openapi.from_path(OPENAPI_PATH)


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in DOC["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post"):
                yield method, path, operation


def _local(ref: str) -> dict[str, Any]:
    node: Any = DOC
    for token in ref.removeprefix("#/").split("/"):
        node = node[token]
    return node


def _response(response: dict[str, Any]) -> dict[str, Any]:
    return _local(response["$ref"]) if "$ref" in response else response


def test_schemathesis_loads_every_route(loaded: schemathesis.schemas.BaseSchema) -> None:
    found = {(op.method.lower(), op.path) for op in (result.ok() for result in loaded.get_all_operations())}
    assert found == set(OPERATIONS)


def test_operation_ids() -> None:
    assert {(method, path): operation["operationId"] for method, path, operation in _operations()} == OPERATIONS


def test_document_is_valid_openapi_3_1() -> None:
    validator = pytest.importorskip("openapi_spec_validator", reason="the OAS 3.1 meta-schema ships with openapi-spec-validator")
    assert DOC["openapi"].startswith("3.1.")
    validator.validate(DOC, base_uri=OPENAPI_PATH.as_uri())


def test_every_operation_requires_basic_auth() -> None:
    basic = DOC["components"]["securitySchemes"]["basic"]
    assert (basic["type"], basic["scheme"]) == ("http", "basic")
    for method, path, operation in _operations():
        assert operation.get("security") == [{"basic": []}], f"{method} {path}"


def _schema_nodes(node: object) -> Iterator[object]:
    """Every media-type `schema` of a request or response body."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "content":
                yield from (media["schema"] for media in value.values())
            else:
                yield from _schema_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _schema_nodes(value)


def _is_file_ref(node: object) -> bool:
    return isinstance(node, dict) and set(node) == {"$ref"} and node["$ref"].split("#")[0].endswith(".schema.json")


def test_every_body_schema_is_a_ref_into_the_json_schema_files() -> None:
    """One source: no body schema is restated in the OpenAPI document."""
    for node in _schema_nodes([DOC["paths"], DOC["components"]]):
        if isinstance(node, dict) and "oneOf" in node:
            assert set(node) == {"oneOf", "discriminator"} and all(map(_is_file_ref, node["oneOf"])), node
        else:
            assert _is_file_ref(node), node


def test_request_bodies_name_their_json_schema() -> None:
    for method, path, operation in _operations():
        if method == "post":
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            refs = [item["$ref"] for item in body["oneOf"]] if "oneOf" in body else [body["$ref"]]
            assert {ref.split("#")[0] for ref in refs} == {f"{REQUEST_SCHEMA_OF_PATH[path]}.schema.json"}
            assert operation["requestBody"]["required"] is True


@pytest.mark.parametrize(("path", "name"), DISCRIMINATED.items())
def test_discriminator_lists_the_json_schema_operations(path: str, name: str) -> None:
    body = DOC["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    json_schema = schemas.schema(name)
    names = json_schema["properties"]["operationName"]["enum"]
    dispatch = {branch["if"]["properties"]["operationName"]["const"]: branch["then"]["$ref"] for branch in json_schema["allOf"]}
    assert dispatch == {n: f"#/$defs/{n}" for n in names}
    assert body["discriminator"]["propertyName"] == "operationName"
    mapping = body["discriminator"]["mapping"]
    assert list(mapping) == names
    assert mapping == {n: f"{name}.schema.json#/$defs/{n}" for n in names}
    assert [item["$ref"] for item in body["oneOf"]] == list(mapping.values())
    for n in names:
        definition = json_schema["$defs"][n]
        assert definition["properties"]["operationName"] == {"const": n}
        assert "operationName" in definition["required"]
        assert definition["additionalProperties"] is False


@pytest.mark.parametrize("path", REQUEST_SCHEMA_OF_PATH)
def test_generated_bodies_satisfy_the_json_schema(loaded: schemathesis.schemas.BaseSchema, path: str) -> None:
    """Whatever a fuzzer builds from the OpenAPI body is valid for our own JSON Schema."""
    name = REQUEST_SCHEMA_OF_PATH[path]
    seen: set[str] = set()

    @settings(max_examples=150, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(loaded[path]["POST"].as_strategy())
    def check(case: Any) -> None:
        assert schemas.errors(name, case.body) == []
        seen.add(case.body["operationName"])

    check()
    operation_name = schemas.schema(name)["properties"]["operationName"]
    declared = operation_name.get("enum", [operation_name.get("const")])
    assert len(seen) >= min(len(declared), 10), seen


def test_success_answers() -> None:
    for method, path, operation in _operations():
        success = _response(operation["responses"]["200"])
        schema = success["content"]["application/json"]["schema"]
        expected = SUCCESS_SCHEMA.get(operation["operationId"], "response-envelope.schema.json#/$defs/Success")
        assert schema == {"$ref": expected}, f"{method} {path}"


def test_error_answers_use_the_error_shape() -> None:
    for method, path, operation in _operations():
        codes = set(operation["responses"]) - {"200"}
        assert codes == (POST_ERRORS if method == "post" else GET_ERRORS), f"{method} {path}"
        for code in codes:
            assert _response(operation["responses"][code])["content"]["application/json"]["schema"] == ERROR_SCHEMA


def _links() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(source operationId, link name, link definition) of every link on a success answer."""
    for _, _, operation in _operations():
        for name, link in _response(operation["responses"]["200"]).get("links", {}).items():
            yield operation["operationId"], name, _local(link["$ref"]) if "$ref" in link else link


def test_links_are_declared() -> None:
    assert {(source, name) for source, name, _ in _links()} == {
        ("getEmails", "AcceptFirstEmail"),
        ("getEmails", "GetFirstEmail"),
        ("postEmailOperation", "CompleteAfterAccept"),
        ("postEmailOperation", "SendAfterSave"),
    }


def test_links_name_existing_operations_parameters_and_operations_names() -> None:
    by_id = {operation["operationId"]: (path, operation) for _, path, operation in _operations()}
    operation_names = schemas.schema("email-operation-request")["properties"]["operationName"]["enum"]
    for source, name, link in _links():
        target_path, _ = by_id[link["operationId"]]
        source_path, _ = by_id[source]
        for parameter, expression in link["parameters"].items():
            assert "{" + parameter + "}" in target_path, name
            if expression.startswith("$request.path."):
                assert "{" + expression.removeprefix("$request.path.") + "}" in source_path, name
            else:
                assert expression == "$response.body#/emails/0/id", name
        if "requestBody" in link:
            assert link["requestBody"]["operationName"] in operation_names, name


def test_schemathesis_builds_a_transition_per_link(loaded: schemathesis.schemas.BaseSchema) -> None:
    rules = dir(loaded.as_state_machine())
    for _, name, _ in _links():
        assert any(f"_200_{name}__" in rule for rule in rules), name
