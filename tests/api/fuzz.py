"""Schemathesis over the whole API, in process (issue 19 §8).

``run(headers, examples=…)`` loads /api/v1/openapi.json from the WSGI application, runs the coverage and fuzzing
phases with every check, and returns one line per finding: a server error, a response off its schema, an
undeclared status code or content type, a schema-violating request accepted, a schema-valid request refused, a
request slower than ``MAX_RESPONSE_SECONDS``. The suite runs it bounded (tests/api/test_contract_fuzz.py, fixed
seed, few examples); ``make fuzz`` runs the same deeper (GONGHUI_FUZZ_EXAMPLES, GONGHUI_FUZZ_SEED).

Schema-valid requests refused: a request the document allows must not be refused as malformed (400, 413, 415,
or 422 ``validation_failed``), since then the document and the code disagree. A 422 with a business-rule code is
allowed only for the rules listed in ``BUSINESS_RULES``: each names what JSON Schema cannot say (a checksum, a
relation between two stored objects, a state, a rule across two query parameters), so the document cannot
declare it however it is written.
"""

import json
import os

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema
from schemathesis.transport.wsgi import WSGITransport

OPENAPI_PATH = "/api/v1/openapi.json"
MAX_RESPONSE_SECONDS = 5.0
EXAMPLES = int(os.environ.get("GONGHUI_FUZZ_EXAMPLES", "3"))
SEED = int(os.environ.get("GONGHUI_FUZZ_SEED", "19"))
# The suite runs the fuzzing phase; `make fuzz` adds the coverage phase (every boundary of every parameter: some
# 5,000 requests an actor, minutes on two cores).
PHASES = os.environ.get("GONGHUI_FUZZ_PHASES", "fuzzing").split(",")

ANY = None
ID_NUMBER_RULES = ("a resident ID's check digit, birth date and province (GB 11643); spaces and full-width digits "
                   "are accepted and normalised, so no pattern states it")
PERSON_WRITES = {"POST /api/v1/persons", "PATCH /api/v1/persons/{person_id}"}
UNIT_WRITES = {"POST /api/v1/units", "PATCH /api/v1/units/{unit_id}"}
# code -> (why JSON Schema cannot state the rule, the operations that may answer it; ANY: every one).
BUSINESS_RULES = {
    "invalid_cursor": ("a cursor is a token this API gave: a schema gives its alphabet, not which were given", ANY),
    **{code: (ID_NUMBER_RULES, PERSON_WRITES) for code in (
        "id_number_missing", "id_number_length", "id_number_format", "id_number_checksum", "id_number_birth_date",
        "id_number_region")},
    "phone_invalid": ("a mainland mobile number's ranges (phonenumbers); +86, spaces, dashes are normalised",
                      PERSON_WRITES),
    "credit_code_invalid": ("a unified social credit code's check character (GB 32100)", UNIT_WRITES),
    "unit_not_in_union": ("a relation between two stored objects", {"POST /api/v1/persons"}),
    "transfer_invalid_target": ("members join grassroots or joint unions: the level of a stored organisation",
                                {"POST /api/v1/persons", "POST /api/v1/transfers"}),
    "import_union_invalid": ("the organisation must be a grassroots union: a property of a stored object",
                             {"POST /api/v1/imports"}),
    "import_file_type": ("an .xlsx or .csv file, told by its bytes", {"POST /api/v1/imports",
                                                                      "POST /api/v1/mutual-aid/roster-imports"}),
    "checkin_identity_missing": ("who checks in: a signed-in worker's session, else a mobile number and an "
                                 "occupation: depends on the credentials, not only the body",
                                 {"POST /api/v1/stations/{code}/check-in"}),
    "reason_required": ("unmasked=true needs a reason: a rule across two query parameters",
                        {"GET /api/v1/persons/export"}),
    "ma_period_dates_invalid": ("the order of five dates of one body", {"POST /api/v1/mutual-aid/periods"}),
    "daily_count_future": ("a day not after today: relative to the server's date",
                           {"POST /api/v1/venues/{venue_id}/daily-counts"}),
    "indicator_window_invalid": ("start not after end, both within 1900-2999: a rule across two query parameters",
                                 {"GET /api/v1/indicators/{code}"}),
    "indicator_series_too_long": ("at most 600 months or years in a series: a rule across three query parameters",
                                  {"GET /api/v1/indicators/{code}"}),
    "coverage_no_demand_points": ("the area has no demand points loaded: a state of the data",
                                  {"GET /api/v1/venues/coverage"}),
    "org_invalid_parent": ("a parent of the right level and kind: properties of a stored organisation",
                           {"POST /api/v1/orgs"}),
    "hardship_not_a_worker": ("the caller must be a worker with a membership: depends on the credentials",
                              {"POST /api/v1/assistance/me/files"}),
    "media_no_channels": ("the organisation's channels to publish to: a state of the data",
                          {"POST /api/v1/media/articles"}),
    "workforce_year_invalid": ("a year not more than one ahead: relative to the server's date",
                               {"GET /api/v1/workforce/figures"}),
}

REFUSED_AS_MALFORMED = {400, 413, 415, 422}


def _in_process_send():
    """schemathesis 4.32 hands socket settings (max_redirects, verify, cert) to the in-process client when a check
    sends a request again (ignored_auth, use_after_free…), which werkzeug refuses; drop them there."""
    send = WSGITransport.send
    if getattr(send, "_gonghui", False):
        return

    def send_without_socket_settings(self, case, *, session=None, **kwargs):
        for name in ("max_redirects", "verify", "cert", "proxies"):
            kwargs.pop(name, None)
        return send(self, case, session=session, **kwargs)

    send_without_socket_settings._gonghui = True
    WSGITransport.send = send_without_socket_settings


_in_process_send()


def _problem_code(response) -> str | None:
    try:
        body = json.loads(response.content)
    except (ValueError, TypeError):
        return None
    return body.get("code") if isinstance(body, dict) else None


@schemathesis.check
def schema_valid_request_accepted(ctx, response, case):
    """The positive-data check of issue 19: what the document allows is not refused as malformed."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code not in REFUSED_AS_MALFORMED:
        return None
    code = _problem_code(response)
    if response.status_code == 422 and code in BUSINESS_RULES:
        _why, operations = BUSINESS_RULES[code]
        if operations is ANY or case.operation.label in operations:
            return None
    raise AssertionError(f"schema-valid request refused with {response.status_code} {code}")


def config(headers: dict, *, examples: int = EXAMPLES, seed: int = SEED, phases=PHASES) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict({
        "seed": seed,
        "workers": 1,
        "suppress-health-check": ["all"],
        "headers": headers,
        "generation": {"max-examples": examples, "deterministic": True, "database": "none"},
        "checks": {
            "enabled": True,
            # Replaced by schema_valid_request_accepted (the business rules above).
            "positive_data_acceptance": {"enabled": False},
            "max_response_time": MAX_RESPONSE_SECONDS,
        },
        "phases": {"examples": {"enabled": False}, "coverage": {"enabled": "coverage" in phases},
                   "fuzzing": {"enabled": "fuzzing" in phases}, "stateful": {"enabled": False}},
    })


def run(headers: dict, *, examples: int = EXAMPLES, seed: int = SEED) -> tuple[int, list[str]]:
    """(requests made, findings) of one run as the holder of ``headers``."""
    from gonghui.wsgi import application

    schema = schemathesis.openapi.from_wsgi(OPENAPI_PATH, application, config=config(headers, examples=examples,
                                                                                           seed=seed))
    findings, requests = [], 0
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            requests += len(recorder.interactions)
            for case_id, checks in recorder.checks.items():
                for check in checks:
                    if check.failure_info is None:
                        continue
                    interaction = recorder.interactions.get(case_id)
                    status = interaction.response.status_code if interaction and interaction.response else None
                    failure = check.failure_info.failure
                    findings.append(f"{recorder.label}: {check.name} [{status}] {failure.title}: "
                                    f"{str(failure.message)[:300]}\n    {check.failure_info.code_sample}")
        elif isinstance(event, events.NonFatalError):
            findings.append(f"error: {event.label}: {event.value!r}")
        elif isinstance(event, events.FatalError):
            findings.append(f"fatal: {event.exception!r}")
    return requests, sorted(set(findings))
