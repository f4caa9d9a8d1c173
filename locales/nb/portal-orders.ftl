# Forhandlerportalen: ordrer — norsk bokmål.

## Ordrefeil (OrderError::code(), samme koder som API-ets error_code).
VALIDATION_ERROR = Kontroller disse feltene: { $fields }.
ORDER_NOT_FOUND = Ordren finnes ikke.
CAPTURE_NOT_FOUND = Trekket finnes ikke.
REFUND_NOT_FOUND = Refusjonen finnes ikke.
REJECTED = Kredittvurderingen ga avslag.
CAPTURE_NOT_ALLOWED = Trekket er ikke mulig: beløpet er større enn det som gjenstår, eller det kan ikke lenger trekkes på ordren.
REFUND_NOT_ALLOWED = Refusjonen er ikke mulig: beløpet er større enn det som er trukket og ikke allerede refundert.
NOT_ALLOWED = Ikke mulig i ordrens nåværende status (for eksempel å kansellere etter et trekk).
PAYMENT_METHOD_UNAVAILABLE = Betalingsmåten tilbys ikke ennå.
MERCHANT_INACTIVE = Forhandleren er sperret.
CREDIT_POLICY_UNAVAILABLE = Det finnes ingen aktiv kredittpolicy for landet.
IDEMPOTENCY_KEY_REUSED = Idempotensnøkkelen er allerede brukt for en annen forespørsel.
SERVICE_UNAVAILABLE = Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt.
INTERNAL_ERROR = Noe gikk galt.
CONFLICT = Ordren ble endret av en annen handling samtidig. Last inn siden på nytt og prøv igjen.
ERR_PORTAL_ORDER_AMOUNT = { $field } er ikke et beløp (skriv for eksempel 125,00).
ERR_PORTAL_ORDERS_DATE = { $field } må være en dato (ÅÅÅÅ-MM-DD).
ERR_PORTAL_ORDERS_STATUS = { $field } er ikke en kjent ordrestatus.

## Ordrelisten.
portal-orders-search = Søk (ordre-id, referanse, e-post)
portal-orders-any-status = Alle statuser
portal-orders-from = Opprettet fra
portal-orders-to = Opprettet til
portal-orders-filter = Søk
portal-orders-customer = Kundens e-post
portal-orders-next = Eldre ordrer

## Status.
portal-order-status-authorized = Godkjent
portal-order-status-part-captured = Delvis trukket
portal-order-status-captured = Trukket
portal-order-status-cancelled = Kansellert
portal-order-status-expired = Utløpt
portal-order-status-closed = Lukket

## Ordren.
portal-order-back = ← Alle ordrer
portal-order-title = Ordre
portal-order-id = Ordre-id
portal-order-status = Status
portal-order-amount = Ordrebeløp
portal-order-captured = Trukket
portal-order-refunded = Refundert
portal-order-remaining = Gjenstår å trekke
portal-order-created = Opprettet
portal-order-expires = Reservasjonen gjelder til
portal-order-reference = Referanse
portal-order-decision = Kredittbeslutning
portal-order-lines = Ordrelinjer
portal-order-line-reference = Artikkelnr.
portal-order-line-name = Betegnelse
portal-order-line-quantity = Antall
portal-order-line-unit-price = Enhetspris
portal-order-line-tax-rate = MVA
portal-order-line-total = Sum
portal-order-captures = Trekk og fakturaer
portal-order-no-captures = Ingenting er trukket ennå.
portal-order-capture = Trekk
portal-order-capture-reference = Referanse
portal-order-invoice-number = Fakturanummer
portal-order-invoice-ocr = KID
portal-order-invoice-date = Fakturadato
portal-order-invoice-due = Forfallsdato
portal-order-invoice-fee = Fakturagebyr
portal-order-invoice-total = Totalt å betale
portal-order-invoice-due-amount = Gjenstår å betale
portal-order-invoice-vat = MVA per sats
portal-order-refunds = Refusjoner og kreditnotaer
portal-order-no-refunds = Ingen refusjoner.
portal-order-refunded-at = Refundert
portal-order-captured-at = Trukket den
portal-order-no-lines = Ordren har ingen linjer.
portal-order-event-other = Endret
portal-order-credit-note = Kreditnota
portal-order-invoice-pdf = Faktura (PDF)
portal-order-paid-back = Tilbakebetalt til kunden
portal-order-timeline = Hendelser

## Skjemaene.
portal-order-capture-title = Trekk et beløp (oppretter faktura)
portal-order-capture-submit = Trekk og fakturer
portal-order-refund-title = Refunder et beløp (oppretter kreditnota)
portal-order-refund-submit = Refunder
portal-order-release-submit = Frigi gjenstående reservasjon
portal-order-cancel-submit = Kanseller ordren
portal-order-field-amount = Beløp
portal-order-field-reference = Referanse
portal-order-field-captured_amount = Beløp å trekke
portal-order-field-refunded_amount = Beløp å refundere
portal-order-field-description = Beskrivelse
portal-order-field-order_lines = Ordrelinjer

## Hendelser (revisjonsloggens handlinger).
portal-order-event-order-authorize = Ordre godkjent
portal-order-event-order-rejected = Ordre avvist
portal-order-event-order-capture = Trekk og faktura
portal-order-event-order-refund = Refusjon og kreditnota
portal-order-event-order-cancel = Ordre kansellert
portal-order-event-order-release-remaining = Gjenstående reservasjon frigitt
portal-order-event-order-extend-authorization = Reservasjonen forlenget
portal-order-event-order-increase-rejected = Økning avvist
portal-order-event-order-update-authorization = Ordrebeløp endret
portal-order-event-order-expire = Reservasjonen utløp
