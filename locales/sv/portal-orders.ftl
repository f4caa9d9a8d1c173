# Handlarportalen: ordrar — svenska.

## Orderfel (OrderError::code(), samma koder som API:ets error_code).
VALIDATION_ERROR = Kontrollera fälten: { $fields }.
ORDER_NOT_FOUND = Ordern finns inte.
CAPTURE_NOT_FOUND = Aktiveringen finns inte.
REFUND_NOT_FOUND = Återbetalningen finns inte.
REJECTED = Kreditprövningen sa nej.
CAPTURE_NOT_ALLOWED = Aktiveringen går inte: beloppet är större än det som återstår, eller så kan ordern inte längre aktiveras.
REFUND_NOT_ALLOWED = Återbetalningen går inte: beloppet är större än det som aktiverats och inte redan återbetalats.
NOT_ALLOWED = Det går inte i orderns nuvarande läge (till exempel att makulera efter en aktivering).
PAYMENT_METHOD_UNAVAILABLE = Betalsättet erbjuds inte ännu.
MERCHANT_INACTIVE = Handlaren är spärrad.
CREDIT_POLICY_UNAVAILABLE = Det finns ingen aktiv kreditpolicy för landet.
IDEMPOTENCY_KEY_REUSED = Idempotensnyckeln har redan använts för en annan begäran.
SERVICE_UNAVAILABLE = Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.
INTERNAL_ERROR = Något gick fel.
CONFLICT = Ordern ändrades samtidigt av en annan åtgärd. Ladda om sidan och försök igen.
ERR_PORTAL_ORDER_AMOUNT = { $field } är inte ett belopp (skriv till exempel 125,00).
ERR_PORTAL_ORDERS_DATE = { $field } ska vara ett datum (ÅÅÅÅ-MM-DD).
ERR_PORTAL_ORDERS_STATUS = { $field } är ingen känd orderstatus.

## Orderlistan.
portal-orders-search = Sök (order-id, referens, e-post)
portal-orders-any-status = Alla statusar
portal-orders-from = Skapad från
portal-orders-to = Skapad till
portal-orders-filter = Sök
portal-orders-customer = Kundens e-post
portal-orders-next = Äldre ordrar

## Status.
portal-order-status-authorized = Beviljad
portal-order-status-part-captured = Delvis aktiverad
portal-order-status-captured = Aktiverad
portal-order-status-cancelled = Makulerad
portal-order-status-expired = Utgången
portal-order-status-closed = Stängd

## Ordern.
portal-order-back = ← Alla ordrar
portal-order-title = Order
portal-order-id = Order-id
portal-order-status = Status
portal-order-amount = Orderbelopp
portal-order-captured = Aktiverat
portal-order-refunded = Återbetalat
portal-order-remaining = Kvar att aktivera
portal-order-created = Skapad
portal-order-expires = Reservationen gäller till
portal-order-reference = Referens
portal-order-decision = Kreditbeslut
portal-order-lines = Orderrader
portal-order-line-reference = Artikelnr
portal-order-line-name = Benämning
portal-order-line-quantity = Antal
portal-order-line-unit-price = À-pris
portal-order-line-tax-rate = Moms
portal-order-line-total = Summa
portal-order-captures = Aktiveringar och fakturor
portal-order-no-captures = Inget aktiverat ännu.
portal-order-capture = Aktivering
portal-order-capture-reference = Referens
portal-order-invoice-number = Fakturanummer
portal-order-invoice-ocr = OCR-nummer
portal-order-invoice-date = Fakturadatum
portal-order-invoice-due = Förfallodatum
portal-order-invoice-fee = Fakturaavgift
portal-order-invoice-total = Att betala totalt
portal-order-invoice-due-amount = Kvar att betala
portal-order-invoice-vat = Moms per sats
portal-order-refunds = Återbetalningar och kreditfakturor
portal-order-no-refunds = Inga återbetalningar.
portal-order-refunded-at = Återbetald
portal-order-captured-at = Aktiverad den
portal-order-no-lines = Ordern har inga rader.
portal-order-event-other = Ändrad
portal-order-credit-note = Kreditfaktura
portal-order-invoice-pdf = Faktura (PDF)
portal-order-paid-back = Utbetalt till kunden
portal-order-timeline = Händelser

## Formulären.
portal-order-capture-title = Aktivera belopp (skapar faktura)
portal-order-capture-submit = Aktivera och fakturera
portal-order-refund-title = Återbetala belopp (skapar kreditfaktura)
portal-order-refund-submit = Återbetala
portal-order-release-submit = Släpp återstående reservation
portal-order-cancel-submit = Makulera ordern
portal-order-field-amount = Belopp
portal-order-field-reference = Referens
portal-order-field-captured_amount = Belopp att aktivera
portal-order-field-refunded_amount = Belopp att återbetala
portal-order-field-description = Beskrivning
portal-order-field-order_lines = Orderrader

## Händelser (granskningsloggens åtgärder).
portal-order-event-order-authorize = Order beviljad
portal-order-event-order-rejected = Order nekad
portal-order-event-order-capture = Aktivering och faktura
portal-order-event-order-refund = Återbetalning och kreditfaktura
portal-order-event-order-cancel = Order makulerad
portal-order-event-order-release-remaining = Återstående reservation släppt
portal-order-event-order-extend-authorization = Reservationen förlängd
portal-order-event-order-increase-rejected = Höjning nekad
portal-order-event-order-update-authorization = Orderbelopp ändrat
portal-order-event-order-expire = Reservationen gick ut
