# Kreditor back office — Swedish (default language).

## Navigation
nav-label = Huvudmeny
nav-later = Kommer i en senare version
nav-dashboard = Översikt
nav-customers = Kunder
nav-credit = Kreditregler
nav-orders = Ordrar
nav-invoices = Fakturor
nav-payments = Betalningar
nav-cases = Ärenden
nav-installments = Delbetalningar
nav-settlements = Avräkningar
nav-bookkeeping = Bokföring
nav-merchants = Handlare
nav-jobs = Jobb
nav-alarms = Larm
nav-audit = Granskningslogg
nav-settings = Inställningar
page-not-found = Sidan finns inte.

## Frame
business-date = Affärsdatum
logout = Logga ut
role-admin = Administratör
role-support = Kundtjänst
role-finance = Ekonomi

## Login
login-intro = Logga in för att fortsätta.
login-submit = Logga in

## Fields
field-email = E-postadress
field-password = Lösenord
field-name = Namn
field-role = Roll
field-days = Dagar
field-hours = Timmar
field-date = Datum
field-time = Tid
field-lang = Språk
field-frozen = Klockläge

## Dashboard
dash-business-time = Affärstid
dash-clock = Klocka
dash-clock-mode = Läge
clock-frozen = Stoppad
clock-running = Går
dash-database = Databas
dash-primary = Primär
dash-standby = Reserv (standby)
dash-replication = Replikering
dash-sync = Synkronisering
dash-lag = Eftersläpning
dash-signed-in = Inloggad som
status-up = uppe
status-down = nere

## Audit log
audit-action = Händelse
audit-entity-type = Objekttyp
audit-entity-id = Objekt-id
audit-entity = Objekt
audit-actor = Utförd av
audit-business-time = Affärstid
audit-changes = Ändringar
audit-request = Anrop
audit-empty = Inga poster matchar filtret.
filter = Filtrera
older = Äldre poster
newest = Nyaste
newer = Nyare poster
paging = Bläddra
list-page-total = Summa på sidan

## Settings
settings-clock = Affärsklockan
settings-advance = Flytta fram
settings-advance-submit = Flytta fram klockan
settings-set = Ställ klockan
settings-set-submit = Ställ klockan
settings-freeze-there = Stoppa klockan där
settings-freeze = Stoppa klockan
settings-resume = Starta klockan
settings-offset = Förskjutning
settings-offset-days = { $days ->
    [one] { $days } dag före väggklockan
   *[other] { $days } dagar före väggklockan
}
settings-env = Miljö
settings-production-clock = I produktion följer affärsklockan alltid den verkliga tiden och kan inte flyttas.

## Errors (ids are the API's error codes)
ERR_UNAUTHORIZED = Du är inte inloggad, eller så har sessionen gått ut. Logga in igen.
ERR_FORBIDDEN = Din roll får inte göra detta.
ERR_WRONG_CREDENTIALS = Fel e-postadress eller lösenord.
ERR_TOO_MANY_ATTEMPTS = För många försök. Försök igen om { $seconds ->
    [one] { $seconds } sekund.
   *[other] { $seconds } sekunder.
}
ERR_REQUIRED = { $field } måste fyllas i.
ERR_UNKNOWN_LANGUAGE = Okänt språk.
ERR_INVALID_COUNT = { $field }: ange ett heltal, 0 eller större.
ERR_ZERO_ADVANCE = Ange hur långt klockan ska flyttas.
ERR_INVALID_DATE = { $field }: ange ett datum som ÅÅÅÅ-MM-DD.
ERR_INVALID_TIME = { $field }: ange en tid som TT:MM.
ERR_INVALID_CHOICE = { $field }: ogiltigt val.
ERR_CONTROL_CHARACTER = { $field }: innehåller ett styrtecken (till exempel NUL), som inte är tillåtet.
ERR_TOO_LONG = { $field }: för långt.
ERR_TIME_TRAVEL_REFUSED = I produktion kan affärsklockan inte flyttas.
ERR_CLOCK_BACKWARDS = Affärsklockan kan bara flyttas framåt.
ERR_UNAVAILABLE = Tjänsten är tillfälligt otillgänglig. Försök igen om en stund. (Referens { $id })
ERR_INTERNAL = Något gick fel. (Referens { $id })
ERR_TRANSPORT = Anropet misslyckades. Kontrollera anslutningen och försök igen.
ERR_CSRF = Formuläret godtogs inte av säkerhetsskäl. Ladda om sidan och försök igen.

## Bookkeeping
bk-trial-balance = Råbalans
bk-journal = Verifikationer
bk-statement = Kontoutdrag
bk-accounts = Kontoplan
bk-account = Konto
bk-currency = Valuta
bk-opening = Ingående saldo
bk-debit = Debet
bk-credit = Kredit
bk-closing = Utgående saldo
bk-balance = Saldo
bk-total = Summa
bk-balanced = Balanserar
bk-unbalanced = Balanserar inte
bk-sie-download = Ladda ner SIE 4
bk-close = Dagsavslut
bk-close-help = Ett avslutat affärsdatum tar inte emot fler bokningar; sena bokningar hamnar på nästa öppna dag. Dagar avslutas i ordning, och bara när de har passerat.
bk-close-submit = Stäng dagen
bk-closed = Stängd:
bk-entry = Verifikation
bk-event = Händelse
bk-text = Text
bk-amount = Belopp
bk-all = Alla
bk-merchant = Handlare
bk-customer = Kund
bk-merchant-help = Handlarens kontoutdrag: konto 2440 med handlarens id visar vad Kreditor är skyldig handlaren.
bk-choose-account = Välj ett konto.
bk-truncated = Utdraget visar de första 2 000 raderna; SIE-exporten innehåller alla.
bk-no-entries = Inga verifikationer matchar filtret.
bk-reversed = Återförd av
bk-reverses = Återför
bk-object = Affärsobjekt
bk-dimensions = Dimensioner
bk-reverse = Återför verifikationen
bk-reason = Orsak
bk-reverse-submit = Återför
bk-add-account = Lägg till konto
bk-rename-account = Byt namn på konto
bk-name-sv = Namn (svenska)
bk-name-en = Namn (engelska)
bk-kind = Kontotyp
bk-any-currency = Alla valutor
bk-other-name = Namn (engelska)
bk-vat = Momskod
bk-status = Status
bk-active = Aktivt
bk-inactive = Inaktivt
kind-asset = Tillgång
kind-liability = Skuld
kind-equity = Eget kapital
kind-income = Intäkt
kind-expense = Kostnad
field-from = Från
field-to = Till
field-number = Kontonummer
field-name_sv = Namn (svenska)
field-name_en = Namn (engelska)
field-kind = Kontotyp
field-currency = Valuta
field-account = Konto
field-reason = Orsak
field-id = Verifikation
event-order-captured = Order aktiverad
event-merchant-commission = Provision
event-payment-received = Inbetalning
event-payment-overpaid = Överbetalning
event-payment-unmatched = Oidentifierad inbetalning
event-payment-allocated = Inbetalning fördelad
event-payment-returned = Återförd inbetalning
event-refund-before-payment = Kreditering före betalning
event-refund-after-payment = Återbetalning efter betalning
event-refund-paid-out = Återbetalning utbetald
event-dunning-reminder-fee = Påminnelseavgift
event-dunning-late-interest = Dröjsmålsränta
event-collection-doubtful = Till inkasso (osäker fordran)
event-collection-write-off = Avskrivning
event-collection-recovery = Återvunnen fordran
event-settlement-payout = Utbetalning till handlare
event-correction-reversal = Återföring
ERR_INVALID_ACCOUNT = { $field }: ange ett kontonummer (1000–9999) som finns.
ERR_ACCOUNT_EXISTS = { $field }: kontot finns redan.
ERR_NOT_FOUND = { $field }: finns inte.
ERR_ALREADY_REVERSED = Verifikationen är redan återförd.
ERR_POSTING_REFUSED = Bokningen godtogs inte.
ERR_CLOSE_NOT_PAST = Bara passerade affärsdagar kan stängas.
ERR_CLOSE_OUT_OF_ORDER = Dagarna stängs i ordning: stäng föregående dag först.
ERR_CLOSE_ALREADY = Dagen är redan stängd.
ERR_CLOSE_FAILED = Dagsavslutet hittade fel i bokföringen; dagen är fortfarande öppen (se granskningsloggen).

## Success messages after an action (ui::flash) and the confirmation step (ui::confirm)
confirm-back = Tillbaka
flash-order-captured = Aktiveringen är gjord och fakturan skapad.
flash-order-refunded = Återbetalningen är gjord och kreditfakturan skapad.
flash-order-cancelled = Ordern är makulerad.
flash-order-released = Den återstående reservationen är släppt.
flash-key-created = API-nyckeln är skapad.
flash-key-revoked = API-nyckeln är spärrad.
flash-merchant-created = Handlaren är registrerad.
flash-merchant-saved = Handlarens uppgifter är sparade.
flash-agreement-added = Den nya avtalsversionen är sparad.
flash-user-created = Portalanvändaren är skapad.
flash-account-added = Kontot är tillagt.
flash-account-renamed = Kontot har fått nytt namn.
flash-entry-reversed = Verifikationen är återförd.
flash-day-closed = Dagen är stängd.
flash-address-added = Adressen är sparad.
flash-ruleset-created = Utkastet är skapat.
flash-ruleset-saved = Utkastet är sparat.
flash-ruleset-activated = Regeluppsättningen är aktiverad.
flash-clock-changed = Affärsklockan är ändrad.
flash-batch-uploaded = Filen är mottagen och behandlas.
portal-order-confirm-cancel-title = Makulera den här ordern?
portal-order-confirm-cancel-warning = Hela reservationen släpps och ordern kan inte längre aktiveras. Det går inte att ångra.
portal-order-confirm-cancel-amount = Reservation som släpps
portal-order-confirm-release-title = Släppa den återstående reservationen?
portal-order-confirm-release-warning = Det som inte är aktiverat kan inte längre aktiveras. Aktiveringar och fakturor som redan finns påverkas inte. Det går inte att ångra.
portal-order-confirm-release-amount = Reservation som släpps
bk-close-confirm-title = Stänga dagen?
bk-close-confirm-warning = Ett stängt affärsdatum tar inte emot fler bokningar; sena bokningar hamnar på nästa öppna dag. Det går inte att ångra.
