# Kreditor back office — German.

## Navigation
nav-label = Hauptmenü
nav-later = In einer späteren Version verfügbar
nav-dashboard = Übersicht
nav-customers = Kunden
nav-credit = Kreditregeln
nav-orders = Bestellungen
nav-invoices = Rechnungen
nav-payments = Zahlungen
nav-cases = Vorgänge
nav-installments = Ratenzahlungen
nav-settlements = Abrechnungen
nav-bookkeeping = Buchhaltung
nav-merchants = Händler
nav-jobs = Jobs
nav-alarms = Alarme
nav-audit = Audit-Log
nav-settings = Einstellungen
page-not-found = Seite nicht gefunden.

## Rahmen
business-date = Geschäftsdatum
logout = Abmelden
role-admin = Administrator
role-support = Kundenservice
role-finance = Finanzen

## Anmeldung
login-intro = Bitte melden Sie sich an, um fortzufahren.
login-submit = Anmelden

## Felder
field-email = E-Mail-Adresse
field-password = Passwort
field-name = Name
field-role = Rolle
field-days = Tage
field-hours = Stunden
field-date = Datum
field-time = Uhrzeit
field-lang = Sprache
field-frozen = Uhrmodus

## Übersicht
dash-business-time = Geschäftsuhr
dash-clock = Uhrzeit
dash-clock-mode = Modus
clock-frozen = Angehalten
clock-running = Läuft
dash-database = Datenbank
dash-primary = Primär
dash-standby = Standby
dash-replication = Replikation
dash-sync = Synchronisierung
dash-lag = Verzögerung
dash-signed-in = Angemeldet als
status-up = erreichbar
status-down = nicht erreichbar

## Audit-Log
audit-action = Aktion
audit-entity-type = Objekttyp
audit-entity-id = Objekt-ID
audit-entity = Objekt
audit-actor = Ausgeführt von
audit-business-time = Geschäftszeitpunkt
audit-changes = Änderungen
audit-request = Anfrage
audit-empty = Keine Einträge entsprechen dem Filter.
filter = Filtern
older = Ältere Einträge
newest = Neueste
newer = Neuere Einträge
paging = Seiten
list-page-total = Summe dieser Seite

## Einstellungen
settings-clock = Die Geschäftsuhr
settings-advance = Vorstellen
settings-advance-submit = Uhr vorstellen
settings-set = Uhr stellen
settings-set-submit = Uhr stellen
settings-freeze-there = Uhr dort anhalten
settings-freeze = Uhr anhalten
settings-resume = Uhr starten
settings-offset = Versatz
settings-offset-days = { $days ->
    [one] { $days } Tag vor der tatsächlichen Zeit
   *[other] { $days } Tage vor der tatsächlichen Zeit
}
settings-env = Umgebung
settings-production-clock = In der Produktion folgt die Geschäftsuhr immer der tatsächlichen Zeit und kann nicht verstellt werden.

## Fehler (die IDs sind die Fehlercodes der API)
ERR_UNAUTHORIZED = Sie sind nicht angemeldet oder Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.
ERR_FORBIDDEN = Ihre Rolle ist dazu nicht berechtigt.
ERR_WRONG_CREDENTIALS = E-Mail-Adresse oder Passwort ist falsch.
ERR_TOO_MANY_ATTEMPTS = Zu viele Versuche. Bitte warten Sie { $seconds ->
    [one] { $seconds } Sekunde
   *[other] { $seconds } Sekunden
} und versuchen Sie es dann erneut.
ERR_REQUIRED = Bitte füllen Sie das Feld „{ $field }“ aus.
ERR_UNKNOWN_LANGUAGE = Unbekannte Sprache.
ERR_INVALID_COUNT = { $field }: Geben Sie eine ganze Zahl ab 0 ein.
ERR_ZERO_ADVANCE = Geben Sie an, wie weit die Uhr vorgestellt werden soll.
ERR_INVALID_DATE = { $field }: Geben Sie ein Datum im Format JJJJ-MM-TT ein.
ERR_INVALID_TIME = { $field }: Geben Sie eine Uhrzeit im Format HH:MM ein.
ERR_INVALID_CHOICE = { $field }: ungültige Auswahl.
ERR_CONTROL_CHARACTER = { $field }: enthält ein Steuerzeichen (z. B. NUL), das nicht zulässig ist.
ERR_TOO_LONG = { $field }: zu lang.
ERR_TIME_TRAVEL_REFUSED = In der Produktion kann die Geschäftsuhr nicht verstellt werden.
ERR_CLOCK_BACKWARDS = Die Geschäftsuhr kann nur vorgestellt werden.
ERR_UNAVAILABLE = Der Dienst ist vorübergehend nicht verfügbar. Bitte versuchen Sie es in Kürze erneut. (Referenz { $id })
ERR_INTERNAL = Etwas ist schiefgelaufen. (Referenz { $id })
ERR_TRANSPORT = Die Anfrage ist fehlgeschlagen. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
ERR_CSRF = Das Formular wurde aus Sicherheitsgründen nicht angenommen. Laden Sie die Seite neu und versuchen Sie es erneut.

## Buchhaltung
bk-trial-balance = Summen- und Saldenliste
bk-journal = Buchungsjournal
bk-statement = Kontoblatt
bk-accounts = Kontenplan
bk-account = Konto
bk-currency = Währung
bk-opening = Anfangssaldo
bk-debit = Soll
bk-credit = Haben
bk-closing = Endsaldo
bk-balance = Saldo
bk-total = Summe
bk-balanced = Ausgeglichen
bk-unbalanced = Nicht ausgeglichen
bk-sie-download = SIE 4 herunterladen
bk-close = Tagesabschluss
bk-close-help = Auf ein abgeschlossenes Geschäftsdatum kann nicht mehr gebucht werden; verspätete Buchungen gehen auf das nächste offene Datum. Tage werden der Reihe nach abgeschlossen, und erst, wenn sie vorüber sind.
bk-close-submit = Tag abschließen
bk-closed = Abgeschlossen:
bk-entry = Buchung
bk-event = Ereignis
bk-text = Buchungstext
bk-amount = Betrag
bk-all = Alle
bk-merchant = Händler
bk-customer = Kunde
bk-merchant-help = Kontoblatt des Händlers: Konto 2440 mit der ID des Händlers zeigt, was Kreditor dem Händler schuldet.
bk-choose-account = Wählen Sie ein Konto.
bk-truncated = Das Kontoblatt zeigt die ersten 2.000 Zeilen; der SIE-Export enthält alle.
bk-no-entries = Keine Buchungen entsprechen dem Filter.
bk-reversed = Storniert durch
bk-reverses = Storno zu
bk-object = Geschäftsobjekt
bk-dimensions = Dimensionen
bk-reverse = Buchung stornieren
bk-reason = Grund
bk-reverse-submit = Stornieren
bk-add-account = Konto hinzufügen
bk-rename-account = Konto umbenennen
bk-name-sv = Name (Schwedisch)
bk-name-en = Name (Englisch)
bk-kind = Kontoart
bk-any-currency = Alle Währungen
bk-other-name = Name (Schwedisch)
bk-vat = Steuerschlüssel
bk-status = Status
bk-active = Aktiv
bk-inactive = Inaktiv
kind-asset = Vermögen
kind-liability = Verbindlichkeit
kind-equity = Eigenkapital
kind-income = Ertrag
kind-expense = Aufwand
field-from = Von
field-to = Bis
field-number = Kontonummer
field-name_sv = Name (Schwedisch)
field-name_en = Name (Englisch)
field-kind = Kontoart
field-currency = Währung
field-account = Konto
field-reason = Grund
field-id = Buchung
event-order-captured = Bestellung erfasst
event-merchant-commission = Provision
event-payment-received = Zahlungseingang
event-payment-overpaid = Überzahlung
event-payment-unmatched = Nicht zugeordnete Zahlung
event-payment-allocated = Zahlung zugeordnet
event-payment-returned = Zurückgebuchte Zahlung
event-refund-before-payment = Gutschrift vor Zahlung
event-refund-after-payment = Erstattung nach Zahlung
event-refund-paid-out = Erstattung ausgezahlt
event-dunning-reminder-fee = Mahngebühr
event-dunning-late-interest = Verzugszinsen
event-collection-doubtful = An Inkasso (zweifelhafte Forderung)
event-collection-write-off = Forderungsabschreibung
event-collection-recovery = Zahlungseingang auf abgeschriebene Forderung
event-settlement-payout = Auszahlung an den Händler
event-correction-reversal = Storno
ERR_INVALID_ACCOUNT = { $field }: Geben Sie eine vorhandene Kontonummer ein (1000–9999).
ERR_ACCOUNT_EXISTS = { $field }: Das Konto existiert bereits.
ERR_NOT_FOUND = { $field }: nicht gefunden.
ERR_ALREADY_REVERSED = Die Buchung wurde bereits storniert.
ERR_POSTING_REFUSED = Die Buchung wurde abgelehnt.
ERR_CLOSE_NOT_PAST = Nur vergangene Geschäftstage können abgeschlossen werden.
ERR_CLOSE_OUT_OF_ORDER = Tage werden der Reihe nach abgeschlossen: Schließen Sie zuerst den vorherigen Tag ab.
ERR_CLOSE_ALREADY = Der Tag ist bereits abgeschlossen.
ERR_CLOSE_FAILED = Der Tagesabschluss hat Fehler in der Buchhaltung gefunden; der Tag bleibt offen (siehe Audit-Log).

## Success messages after an action (ui::flash) and the confirmation step (ui::confirm)
confirm-back = Zurück
flash-order-captured = Die Erfassung ist erfolgt und die Rechnung erstellt.
flash-order-refunded = Die Erstattung ist erfolgt und die Gutschrift erstellt.
flash-order-cancelled = Die Bestellung ist storniert.
flash-order-released = Die verbleibende Autorisierung ist freigegeben.
flash-key-created = Der API-Schlüssel ist erstellt.
flash-key-revoked = Der API-Schlüssel ist gesperrt.
flash-merchant-created = Der Händler ist registriert.
flash-merchant-saved = Die Angaben des Händlers sind gespeichert.
flash-agreement-added = Die neue Vertragsversion ist gespeichert.
flash-user-created = Der Portalbenutzer ist angelegt.
flash-account-added = Das Konto ist angelegt.
flash-account-renamed = Das Konto ist umbenannt.
flash-entry-reversed = Die Buchung ist storniert.
flash-day-closed = Der Tag ist abgeschlossen.
flash-address-added = Die Adresse ist gespeichert.
flash-ruleset-created = Der Entwurf ist angelegt.
flash-ruleset-saved = Der Entwurf ist gespeichert.
flash-ruleset-activated = Das Regelwerk ist aktiviert.
flash-clock-changed = Die Geschäftsuhr ist geändert.
flash-batch-uploaded = Die Datei ist eingegangen und wird verarbeitet.
portal-order-confirm-cancel-title = Diese Bestellung stornieren?
portal-order-confirm-cancel-warning = Die gesamte Autorisierung wird freigegeben, und die Bestellung kann nicht mehr erfasst werden. Dies kann nicht rückgängig gemacht werden.
portal-order-confirm-cancel-amount = Freigegebene Autorisierung
portal-order-confirm-release-title = Die verbleibende Autorisierung freigeben?
portal-order-confirm-release-warning = Was nicht erfasst ist, kann nicht mehr erfasst werden. Bestehende Erfassungen und Rechnungen bleiben unberührt. Dies kann nicht rückgängig gemacht werden.
portal-order-confirm-release-amount = Freigegebene Autorisierung
bk-close-confirm-title = Den Tag abschließen?
bk-close-confirm-warning = An einem abgeschlossenen Tag können keine Buchungen mehr erfasst werden; spätere Buchungen landen auf dem nächsten offenen Tag. Dies kann nicht rückgängig gemacht werden.
