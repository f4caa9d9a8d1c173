"""schemathesis hooks for scripts/api-fuzz.sh: the one check that makes positive_data_acceptance
exact for the order API.

positive_data_acceptance fails on a 422 to a schema-valid request. A few of the server's rules
cannot be written in JSON Schema (the lines must add up to the order amount, the currency must
be the merchant's and the country's, a national id has a check digit, a postal code follows its
country, a batch file is checked line by line), so those operations list 422 as acceptable in
schemathesis.toml — and this check then fails any such 422 unless every problem it names is
one of those rules. A 422 for a bound, a length, an enum or a required field the document
does not declare is still a failure.
"""

import schemathesis

# Rules JSON Schema cannot express; each is described in the document's text instead.
CROSS_FIELD_CODES = {
    "LINE_TOTAL_MISMATCH",
    "LINE_TAX_MISMATCH",
    "ORDER_AMOUNT_MISMATCH",
    "ORDER_TAX_AMOUNT_MISMATCH",
    "AMOUNT_MISMATCH",
    "SUM_OUT_OF_RANGE",
    "DISCOUNT_LINE_NOT_NEGATIVE",
    "CURRENCY_MISMATCH",
    "INVALID_POSTAL_CODE",
    "ERR_ID_FORMAT",
    "ERR_ID_DATE",
    "ERR_ID_CHECK_DIGIT",
    "ERR_ID_CENTURY",
    "ERR_ID_FUTURE_BIRTH_DATE",
    "ERR_ID_UNSUPPORTED_COUNTRY",
}
# Whole-answer codes of the same kind (no field list).
CROSS_FIELD_ERRORS = {"PAYMENT_METHOD_UNAVAILABLE", "BATCH_FORMAT_UNSUPPORTED"}


def _is_cross_field(problem):
    code = problem.get("code", "")
    field = problem.get("field", "")
    if code in CROSS_FIELD_CODES:
        return True
    # A batch file's content is one string in the document: its lines are checked by the parser.
    if field.startswith("line "):
        return True
    # An address is all or nothing: with a street, postal code, city and country are required.
    return field.startswith("billing_address.") and code == "REQUIRED"


@schemathesis.check
def only_cross_field_rules_refuse_valid_data(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    try:
        body = response.json()
    except Exception:  # noqa: BLE001 - a non-JSON 422 is a failure of its own
        raise AssertionError("422 without the JSON error body")
    if body.get("error_code") in CROSS_FIELD_ERRORS:
        return None
    problems = body.get("validation_errors") or []
    schema_expressible = [p for p in problems if not _is_cross_field(p)]
    if not problems or schema_expressible:
        raise AssertionError(
            "a schema-valid request was refused for a rule the OpenAPI document could declare: "
            + ", ".join(f"{p.get('field')}: {p.get('code')}" for p in (schema_expressible or problems))
        )
    return None
