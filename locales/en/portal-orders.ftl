# Merchant portal: orders — English.

## Order errors (OrderError::code(), the same codes as the API's error_code).
VALIDATION_ERROR = Please check these fields: { $fields }.
ORDER_NOT_FOUND = The order does not exist.
CAPTURE_NOT_FOUND = The capture does not exist.
REFUND_NOT_FOUND = The refund does not exist.
REJECTED = The credit check said no.
CAPTURE_NOT_ALLOWED = The capture is not possible: the amount is more than what remains, or the order can no longer be captured.
REFUND_NOT_ALLOWED = The refund is not possible: the amount is more than what was captured and not yet refunded.
NOT_ALLOWED = Not possible in the order's current state (for example cancelling after a capture).
PAYMENT_METHOD_UNAVAILABLE = The payment method is not offered yet.
MERCHANT_INACTIVE = The merchant is suspended.
CREDIT_POLICY_UNAVAILABLE = No credit policy is active for the country.
IDEMPOTENCY_KEY_REUSED = The idempotency key was already used for a different request.
SERVICE_UNAVAILABLE = The service is temporarily unavailable. Please try again shortly.
INTERNAL_ERROR = Something went wrong.
CONFLICT = The order was changed by another action at the same time. Reload the page and try again.
ERR_PORTAL_ORDER_AMOUNT = { $field } is not an amount (write for example 125.00).
ERR_PORTAL_ORDERS_DATE = { $field } must be a date (YYYY-MM-DD).
ERR_PORTAL_ORDERS_STATUS = { $field } is not a known order status.

## The order list.
portal-orders-search = Search (order id, reference, e-mail)
portal-orders-any-status = Any status
portal-orders-from = Created from
portal-orders-to = Created until
portal-orders-filter = Search
portal-orders-customer = Customer e-mail
portal-orders-next = Older orders

## Status.
portal-order-status-authorized = Authorized
portal-order-status-part-captured = Partly captured
portal-order-status-captured = Captured
portal-order-status-cancelled = Cancelled
portal-order-status-expired = Expired
portal-order-status-closed = Closed

## The order.
portal-order-back = ← All orders
portal-order-title = Order
portal-order-id = Order id
portal-order-status = Status
portal-order-amount = Order amount
portal-order-captured = Captured
portal-order-refunded = Refunded
portal-order-remaining = Left to capture
portal-order-created = Created
portal-order-expires = Authorization valid until
portal-order-reference = Reference
portal-order-decision = Credit decision
portal-order-lines = Order lines
portal-order-line-reference = Article no.
portal-order-line-name = Name
portal-order-line-quantity = Quantity
portal-order-line-unit-price = Unit price
portal-order-line-tax-rate = VAT
portal-order-line-total = Total
portal-order-captures = Captures and invoices
portal-order-no-captures = Nothing captured yet.
portal-order-capture = Capture
portal-order-capture-reference = Reference
portal-order-invoice-number = Invoice number
portal-order-invoice-ocr = Payment reference
portal-order-invoice-date = Invoice date
portal-order-invoice-due = Due date
portal-order-invoice-fee = Invoice fee
portal-order-invoice-total = Total to pay
portal-order-invoice-due-amount = Amount due
portal-order-invoice-vat = VAT per rate
portal-order-refunds = Refunds and credit notes
portal-order-no-refunds = No refunds.
portal-order-refunded-at = Refunded
portal-order-captured-at = Captured on
portal-order-no-lines = The order has no lines.
portal-order-event-other = Changed
portal-order-credit-note = Credit note
portal-order-invoice-pdf = Invoice (PDF)
portal-order-paid-back = Paid back to the customer
portal-order-timeline = Timeline

## The forms.
portal-order-capture-title = Capture an amount (creates an invoice)
portal-order-capture-submit = Capture and invoice
portal-order-refund-title = Refund an amount (creates a credit note)
portal-order-refund-submit = Refund
portal-order-release-submit = Release the remaining authorization
portal-order-cancel-submit = Cancel the order
portal-order-field-amount = Amount
portal-order-field-reference = Reference
portal-order-field-captured_amount = Amount to capture
portal-order-field-refunded_amount = Amount to refund
portal-order-field-description = Description
portal-order-field-order_lines = Order lines

## Events (the audit log's actions).
portal-order-event-order-authorize = Order authorized
portal-order-event-order-rejected = Order rejected
portal-order-event-order-capture = Capture and invoice
portal-order-event-order-refund = Refund and credit note
portal-order-event-order-cancel = Order cancelled
portal-order-event-order-release-remaining = Remaining authorization released
portal-order-event-order-extend-authorization = Authorization extended
portal-order-event-order-increase-rejected = Increase rejected
portal-order-event-order-update-authorization = Order amount changed
portal-order-event-order-expire = Authorization expired
