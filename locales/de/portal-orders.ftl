# Händlerportal: Bestellungen — Deutsch.

## Bestellfehler (OrderError::code(), dieselben Codes wie error_code der API).
VALIDATION_ERROR = Bitte prüfen Sie diese Felder: { $fields }.
ORDER_NOT_FOUND = Die Bestellung existiert nicht.
CAPTURE_NOT_FOUND = Die Erfassung existiert nicht.
REFUND_NOT_FOUND = Die Erstattung existiert nicht.
REJECTED = Die Bonitätsprüfung ist negativ ausgefallen.
CAPTURE_NOT_ALLOWED = Die Erfassung ist nicht möglich: Der Betrag ist höher als der verbleibende Betrag, oder die Bestellung kann nicht mehr erfasst werden.
REFUND_NOT_ALLOWED = Die Erstattung ist nicht möglich: Der Betrag ist höher als der erfasste und noch nicht erstattete Betrag.
NOT_ALLOWED = Im aktuellen Status der Bestellung nicht möglich (zum Beispiel eine Stornierung nach einer Erfassung).
PAYMENT_METHOD_UNAVAILABLE = Die Zahlungsart wird noch nicht angeboten.
MERCHANT_INACTIVE = Der Händler ist gesperrt.
CREDIT_POLICY_UNAVAILABLE = Für das Land ist keine Kreditrichtlinie aktiv.
IDEMPOTENCY_KEY_REUSED = Der Idempotenzschlüssel wurde bereits für eine andere Anfrage verwendet.
SERVICE_UNAVAILABLE = Der Dienst ist vorübergehend nicht verfügbar. Bitte versuchen Sie es in Kürze erneut.
INTERNAL_ERROR = Etwas ist schiefgelaufen.
CONFLICT = Die Bestellung wurde gleichzeitig durch eine andere Aktion geändert. Laden Sie die Seite neu und versuchen Sie es erneut.
ERR_PORTAL_ORDER_AMOUNT = Das Feld „{ $field }“ enthält keinen gültigen Betrag (schreiben Sie z. B. 125,00).
ERR_PORTAL_ORDERS_DATE = Das Feld „{ $field }“ muss ein Datum enthalten (JJJJ-MM-TT).
ERR_PORTAL_ORDERS_STATUS = Das Feld „{ $field }“ enthält keinen bekannten Bestellstatus.

## Die Bestellliste.
portal-orders-search = Suche (Bestell-ID, Referenz, E-Mail)
portal-orders-any-status = Alle Status
portal-orders-from = Angelegt ab
portal-orders-to = Angelegt bis
portal-orders-filter = Suchen
portal-orders-customer = E-Mail des Kunden
portal-orders-next = Ältere Bestellungen

## Status.
portal-order-status-authorized = Autorisiert
portal-order-status-part-captured = Teilweise erfasst
portal-order-status-captured = Erfasst
portal-order-status-cancelled = Storniert
portal-order-status-expired = Abgelaufen
portal-order-status-closed = Abgeschlossen

## Die Bestellung.
portal-order-back = ← Alle Bestellungen
portal-order-title = Bestellung
portal-order-id = Bestell-ID
portal-order-status = Status
portal-order-amount = Bestellbetrag
portal-order-captured = Erfasst
portal-order-refunded = Erstattet
portal-order-remaining = Noch zu erfassen
portal-order-created = Angelegt
portal-order-expires = Autorisierung gültig bis
portal-order-reference = Referenz
portal-order-decision = Kreditentscheidung
portal-order-lines = Bestellpositionen
portal-order-line-reference = Art.-Nr.
portal-order-line-name = Bezeichnung
portal-order-line-quantity = Menge
portal-order-line-unit-price = Einzelpreis
portal-order-line-tax-rate = MwSt.
portal-order-line-total = Summe
portal-order-captures = Erfassungen und Rechnungen
portal-order-no-captures = Noch nichts erfasst.
portal-order-capture = Erfassung
portal-order-capture-reference = Referenz
portal-order-invoice-number = Rechnungsnummer
portal-order-invoice-ocr = Zahlungsreferenz
portal-order-invoice-date = Rechnungsdatum
portal-order-invoice-due = Fälligkeitsdatum
portal-order-invoice-fee = Rechnungsgebühr
portal-order-invoice-total = Zu zahlender Gesamtbetrag
portal-order-invoice-due-amount = Offener Betrag
portal-order-invoice-vat = MwSt. je Steuersatz
portal-order-refunds = Erstattungen und Gutschriften
portal-order-no-refunds = Keine Erstattungen.
portal-order-refunded-at = Erstattet am
portal-order-captured-at = Erfasst am
portal-order-no-lines = Die Bestellung hat keine Positionen.
portal-order-event-other = Geändert
portal-order-credit-note = Gutschrift
portal-order-invoice-pdf = Rechnung (PDF)
portal-order-paid-back = An den Kunden zurückgezahlt
portal-order-timeline = Verlauf

## Die Formulare.
portal-order-capture-title = Betrag erfassen (erstellt eine Rechnung)
portal-order-capture-submit = Erfassen und in Rechnung stellen
portal-order-refund-title = Betrag erstatten (erstellt eine Gutschrift)
portal-order-refund-submit = Erstatten
portal-order-release-submit = Verbleibende Autorisierung freigeben
portal-order-cancel-submit = Bestellung stornieren
portal-order-field-amount = Betrag
portal-order-field-reference = Referenz
portal-order-field-captured_amount = Zu erfassender Betrag
portal-order-field-refunded_amount = Zu erstattender Betrag
portal-order-field-description = Beschreibung
portal-order-field-order_lines = Bestellpositionen

## Ereignisse (die Aktionen des Audit-Logs).
portal-order-event-order-authorize = Bestellung autorisiert
portal-order-event-order-rejected = Bestellung abgelehnt
portal-order-event-order-capture = Erfassung und Rechnung
portal-order-event-order-refund = Erstattung und Gutschrift
portal-order-event-order-cancel = Bestellung storniert
portal-order-event-order-release-remaining = Verbleibende Autorisierung freigegeben
portal-order-event-order-extend-authorization = Autorisierung verlängert
portal-order-event-order-increase-rejected = Erhöhung abgelehnt
portal-order-event-order-update-authorization = Bestellbetrag geändert
portal-order-event-order-expire = Autorisierung abgelaufen
