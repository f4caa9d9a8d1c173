"""schemathesis hooks for scripts/api-fuzz.sh: the one check that makes positive_data_acceptance
exact for the order API, and what lets the stateful phase follow create → capture → refund.

positive_data_acceptance fails on a 422 to a schema-valid request. A few of the server's rules
cannot be written in JSON Schema (the lines must add up to the order amount, the currency must
be the merchant's and the country's, a national id has a check digit, a postal code follows its
country, a batch file is checked line by line), so those operations list 422 as acceptable in
schemathesis.toml — and this check then fails any such 422 unless every problem it names is
one of those rules. A 422 for a bound, a length, an enum or a required field the document
does not declare is still a failure.
"""

import os

import schemathesis
from schemathesis.generation.meta import TestPhase
from schemathesis.specs.openapi.stateful.dependencies import naming as _naming

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


# --- The stateful phase: create → capture → refund along the document's links -------------
#
# schemathesis picks the operations a scenario may start with ("roots") from a dependency graph
# it infers from field names. It reads any body field ending in `_address` as a reference to
# another resource (meant for e.g. wallet addresses), so `billing_address` — an object, the
# invoice address — makes createOrder look like it needs a "Billing" resource that nothing
# creates; createOrder is then never a root, no order is made and no link is followed (the run
# reported "API Links: 0 covered / 26"). `billing_address` names no resource.
_from_parameter = _naming.from_parameter


def _from_parameter_without_billing(parameter, path, *, body_field=False):
    if parameter == "billing_address":
        return None
    return _from_parameter(parameter, path, body_field=body_field)


_naming.from_parameter = _from_parameter_without_billing

# A person of the demo registry (scripts/e2e.sh passes one) to order for.
_PERSON = os.environ.get("KREDITOR_FUZZ_PERSON", "")


def _valid_order(amount):
    """An order the credit decision approves: one line of `amount` öre at 25 % VAT."""
    tax = amount // 5
    return {
        "purchase_country": "SE",
        "purchase_currency": "SEK",
        "locale": "sv-SE",
        "order_amount": amount,
        "order_tax_amount": tax,
        "order_lines": [{"type": "physical", "reference": "FUZZ-1", "name": "Fuzz", "quantity": 1,
                         "unit_price": amount, "tax_rate": 2500, "total_amount": amount,
                         "total_tax_amount": tax}],
        "customer": {"national_identification_number": _PERSON, "email": "fuzz@example.se"},
        "payment_method": "invoice",
    }


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    """In the stateful phase a positive createOrder case becomes an order the credit decision
    approves (50–250 kr, from the generated amount), so the links after it — capture, refund,
    the reads, the authorization changes — work on a real order. Random bodies almost never pass
    the decision (a national id with its check digit, lines that add up); the other phases keep
    sending them."""
    meta = case.meta
    if not _PERSON or meta is None or meta.phase.name != TestPhase.STATEFUL:
        return
    if case.operation.method.lower() != "post" or case.operation.path != "/v1/orders":
        return
    if not meta.generation.mode.is_positive:
        return
    amount = 10000
    if isinstance(case.body, dict) and isinstance(case.body.get("order_amount"), int):
        amount = 5000 + (case.body["order_amount"] % 5) * 5000
    case.body = _valid_order(amount)
