# Forhandlerportalen: ordrer — dansk.

## Ordrefejl (OrderError::code(), samme koder som API'ets error_code).
VALIDATION_ERROR = Kontroller disse felter: { $fields }.
ORDER_NOT_FOUND = Ordren findes ikke.
CAPTURE_NOT_FOUND = Hævningen findes ikke.
REFUND_NOT_FOUND = Refunderingen findes ikke.
REJECTED = Kreditvurderingen gav afslag.
CAPTURE_NOT_ALLOWED = Hævningen er ikke mulig: beløbet er større end det, der er tilbage, eller der kan ikke længere hæves på ordren.
REFUND_NOT_ALLOWED = Refunderingen er ikke mulig: beløbet er større end det, der er hævet og endnu ikke refunderet.
NOT_ALLOWED = Ikke muligt i ordrens nuværende status (f.eks. at annullere efter en hævning).
PAYMENT_METHOD_UNAVAILABLE = Betalingsmetoden tilbydes ikke endnu.
MERCHANT_INACTIVE = Forhandleren er spærret.
CREDIT_POLICY_UNAVAILABLE = Der er ingen aktiv kreditpolitik for landet.
IDEMPOTENCY_KEY_REUSED = Idempotensnøglen er allerede brugt til en anden forespørgsel.
SERVICE_UNAVAILABLE = Tjenesten er midlertidigt utilgængelig. Prøv igen om lidt.
INTERNAL_ERROR = Noget gik galt.
CONFLICT = Ordren blev ændret af en anden handling samtidig. Genindlæs siden, og prøv igen.
ERR_PORTAL_ORDER_AMOUNT = { $field } er ikke et beløb (skriv f.eks. 125,00).
ERR_PORTAL_ORDERS_DATE = { $field } skal være en dato (ÅÅÅÅ-MM-DD).
ERR_PORTAL_ORDERS_STATUS = { $field } er ikke en kendt ordrestatus.

## Ordrelisten.
portal-orders-search = Søg (ordre-id, reference, e-mail)
portal-orders-any-status = Alle statusser
portal-orders-from = Oprettet fra
portal-orders-to = Oprettet til
portal-orders-filter = Søg
portal-orders-customer = Kundens e-mail
portal-orders-next = Ældre ordrer

## Status.
portal-order-status-authorized = Godkendt
portal-order-status-part-captured = Delvist hævet
portal-order-status-captured = Hævet
portal-order-status-cancelled = Annulleret
portal-order-status-expired = Udløbet
portal-order-status-closed = Lukket

## Ordren.
portal-order-back = ← Alle ordrer
portal-order-title = Ordre
portal-order-id = Ordre-id
portal-order-status = Status
portal-order-amount = Ordrebeløb
portal-order-captured = Hævet
portal-order-refunded = Refunderet
portal-order-remaining = Tilbage at hæve
portal-order-created = Oprettet
portal-order-expires = Reservationen gælder til
portal-order-reference = Reference
portal-order-decision = Kreditbeslutning
portal-order-lines = Ordrelinjer
portal-order-line-reference = Varenr.
portal-order-line-name = Betegnelse
portal-order-line-quantity = Antal
portal-order-line-unit-price = Enhedspris
portal-order-line-tax-rate = Moms
portal-order-line-total = I alt
portal-order-captures = Hævninger og fakturaer
portal-order-no-captures = Intet er hævet endnu.
portal-order-capture = Hævning
portal-order-capture-reference = Reference
portal-order-invoice-number = Fakturanummer
portal-order-invoice-ocr = Betalings-id
portal-order-invoice-date = Fakturadato
portal-order-invoice-due = Forfaldsdato
portal-order-invoice-fee = Fakturagebyr
portal-order-invoice-total = I alt at betale
portal-order-invoice-due-amount = Restbeløb
portal-order-invoice-vat = Moms pr. sats
portal-order-refunds = Refunderinger og kreditnotaer
portal-order-no-refunds = Ingen refunderinger.
portal-order-refunded-at = Refunderet
portal-order-captured-at = Hævet den
portal-order-no-lines = Ordren har ingen linjer.
portal-order-event-other = Ændret
portal-order-credit-note = Kreditnota
portal-order-invoice-pdf = Faktura (PDF)
portal-order-paid-back = Tilbagebetalt til kunden
portal-order-timeline = Hændelser

## Formularerne.
portal-order-capture-title = Hæv et beløb (opretter en faktura)
portal-order-capture-submit = Hæv og fakturer
portal-order-refund-title = Refunder et beløb (opretter en kreditnota)
portal-order-refund-submit = Refunder
portal-order-release-submit = Frigiv den resterende reservation
portal-order-cancel-submit = Annuller ordren
portal-order-field-amount = Beløb
portal-order-field-reference = Reference
portal-order-field-captured_amount = Beløb at hæve
portal-order-field-refunded_amount = Beløb at refundere
portal-order-field-description = Beskrivelse
portal-order-field-order_lines = Ordrelinjer

## Hændelser (revisionslogens handlinger).
portal-order-event-order-authorize = Ordre godkendt
portal-order-event-order-rejected = Ordre afvist
portal-order-event-order-capture = Hævning og faktura
portal-order-event-order-refund = Refundering og kreditnota
portal-order-event-order-cancel = Ordre annulleret
portal-order-event-order-release-remaining = Resterende reservation frigivet
portal-order-event-order-extend-authorization = Reservationen forlænget
portal-order-event-order-increase-rejected = Forhøjelse afvist
portal-order-event-order-update-authorization = Ordrebeløb ændret
portal-order-event-order-expire = Reservationen udløb
