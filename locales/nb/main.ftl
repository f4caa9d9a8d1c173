# Kreditor back office — Norwegian Bokmål.

## Navigation
nav-label = Hovedmeny
nav-later = Kommer i en senere versjon
nav-dashboard = Oversikt
nav-customers = Kunder
nav-credit = Kredittregler
nav-orders = Ordrer
nav-invoices = Fakturaer
nav-payments = Betalinger
nav-cases = Saker
nav-installments = Delbetalinger
nav-settlements = Oppgjør
nav-bookkeeping = Regnskap
nav-merchants = Forhandlere
nav-jobs = Jobber
nav-alarms = Alarmer
nav-audit = Revisjonslogg
nav-settings = Innstillinger
page-not-found = Siden finnes ikke.

## Frame
business-date = Forretningsdato
logout = Logg ut
role-admin = Administrator
role-support = Kundeservice
role-finance = Økonomi

## Login
login-intro = Logg inn for å fortsette.
login-submit = Logg inn

## Fields
field-email = E-postadresse
field-password = Passord
field-name = Navn
field-role = Rolle
field-days = Dager
field-hours = Timer
field-date = Dato
field-time = Klokkeslett
field-lang = Språk
field-frozen = Klokkemodus

## Dashboard
dash-business-time = Forretningstid
dash-clock = Klokke
dash-clock-mode = Modus
clock-frozen = Stoppet
clock-running = Går
dash-database = Database
dash-primary = Primær
dash-standby = Reserve (standby)
dash-replication = Replikering
dash-sync = Synkronisering
dash-lag = Forsinkelse
dash-signed-in = Logget inn som
status-up = oppe
status-down = nede

## Audit log
audit-action = Handling
audit-entity-type = Objekttype
audit-entity-id = Objekt-id
audit-entity = Objekt
audit-actor = Utført av
audit-business-time = Forretningstid
audit-changes = Endringer
audit-request = Forespørsel
audit-empty = Ingen poster samsvarer med filteret.
filter = Filtrer
older = Eldre poster
newest = Nyeste
newer = Nyere poster
paging = Bla
list-page-total = Sum på siden

## Settings
settings-clock = Forretningsklokken
settings-advance = Flytt frem
settings-advance-submit = Flytt klokken frem
settings-set = Still klokken
settings-set-submit = Still klokken
settings-freeze-there = Stopp klokken der
settings-freeze = Stopp klokken
settings-resume = Start klokken
settings-offset = Forskyvning
settings-offset-days = { $days ->
    [one] { $days } dag foran den virkelige tiden
   *[other] { $days } dager foran den virkelige tiden
}
settings-env = Miljø
settings-production-clock = I produksjon følger forretningsklokken alltid den virkelige tiden og kan ikke flyttes.

## Errors (ids are the API's error codes)
ERR_UNAUTHORIZED = Du er ikke logget inn, eller økten din er utløpt. Logg inn på nytt.
ERR_FORBIDDEN = Rollen din har ikke tilgang til dette.
ERR_WRONG_CREDENTIALS = Feil e-postadresse eller passord.
ERR_TOO_MANY_ATTEMPTS = For mange forsøk. Prøv igjen om { $seconds ->
    [one] { $seconds } sekund.
   *[other] { $seconds } sekunder.
}
ERR_REQUIRED = { $field } må fylles ut.
ERR_UNKNOWN_LANGUAGE = Ukjent språk.
ERR_INVALID_COUNT = { $field }: skriv inn et heltall, 0 eller større.
ERR_ZERO_ADVANCE = Angi hvor langt klokken skal flyttes.
ERR_INVALID_DATE = { $field }: skriv inn en dato på formen ÅÅÅÅ-MM-DD.
ERR_INVALID_TIME = { $field }: skriv inn et klokkeslett på formen TT:MM.
ERR_INVALID_CHOICE = { $field }: ugyldig valg.
ERR_CONTROL_CHARACTER = { $field }: inneholder et kontrolltegn (for eksempel NUL), og det er ikke tillatt.
ERR_TOO_LONG = { $field }: for langt.
ERR_TIME_TRAVEL_REFUSED = I produksjon kan forretningsklokken ikke flyttes.
ERR_CLOCK_BACKWARDS = Forretningsklokken kan bare flyttes fremover.
ERR_UNAVAILABLE = Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt. (Referanse { $id })
ERR_INTERNAL = Noe gikk galt. (Referanse { $id })
ERR_TRANSPORT = Forespørselen mislyktes. Sjekk tilkoblingen og prøv igjen.
ERR_CSRF = Skjemaet ble ikke godtatt av sikkerhetshensyn. Last inn siden på nytt og prøv igjen.

## Bookkeeping
bk-trial-balance = Saldobalanse
bk-journal = Bilag
bk-statement = Kontoutskrift
bk-accounts = Kontoplan
bk-account = Konto
bk-currency = Valuta
bk-opening = Inngående saldo
bk-debit = Debet
bk-credit = Kredit
bk-closing = Utgående saldo
bk-balance = Saldo
bk-total = Sum
bk-balanced = I balanse
bk-unbalanced = Ikke i balanse
bk-sie-download = Last ned SIE 4
bk-close = Dagsavslutning
bk-close-help = En avsluttet forretningsdato tar ikke imot flere posteringer; sene posteringer føres på neste åpne dato. Datoene avsluttes i rekkefølge, og først når de er passert.
bk-close-submit = Avslutt datoen
bk-closed = Avsluttet:
bk-entry = Bilag
bk-event = Hendelse
bk-text = Tekst
bk-amount = Beløp
bk-all = Alle
bk-merchant = Forhandler
bk-customer = Kunde
bk-merchant-help = Forhandlerens kontoutskrift: konto 2440 med forhandlerens id viser hva Kreditor skylder forhandleren.
bk-choose-account = Velg en konto.
bk-truncated = Kontoutskriften viser de første 2 000 linjene; SIE-eksporten inneholder alle.
bk-no-entries = Ingen bilag samsvarer med filteret.
bk-reversed = Tilbakeført av
bk-reverses = Tilbakefører
bk-object = Forretningsobjekt
bk-dimensions = Dimensjoner
bk-reverse = Tilbakefør bilaget
bk-reason = Årsak
bk-reverse-submit = Tilbakefør
bk-add-account = Legg til konto
bk-rename-account = Gi kontoen nytt navn
bk-name-sv = Navn (svensk)
bk-name-en = Navn (engelsk)
bk-kind = Kontotype
bk-any-currency = Alle valutaer
bk-other-name = Navn (svensk)
bk-vat = MVA-kode
bk-status = Status
bk-active = Aktiv
bk-inactive = Inaktiv
kind-asset = Eiendel
kind-liability = Gjeld
kind-equity = Egenkapital
kind-income = Inntekt
kind-expense = Kostnad
field-from = Fra
field-to = Til
field-number = Kontonummer
field-name_sv = Navn (svensk)
field-name_en = Navn (engelsk)
field-kind = Kontotype
field-currency = Valuta
field-account = Konto
field-reason = Årsak
field-id = Bilag
event-order-captured = Trekk på ordre
event-merchant-commission = Provisjon
event-payment-received = Innbetaling
event-payment-overpaid = Overbetaling
event-payment-unmatched = Uidentifisert innbetaling
event-payment-allocated = Innbetaling fordelt
event-payment-returned = Tilbakeført innbetaling
event-refund-before-payment = Kreditering før betaling
event-refund-after-payment = Refusjon etter betaling
event-refund-paid-out = Refusjon utbetalt
event-dunning-reminder-fee = Purregebyr
event-dunning-late-interest = Forsinkelsesrente
event-collection-doubtful = Til inkasso (usikker fordring)
event-collection-write-off = Konstatert tap
event-collection-recovery = Inngått på konstatert tap
event-settlement-payout = Utbetaling til forhandler
event-correction-reversal = Tilbakeføring
ERR_INVALID_ACCOUNT = { $field }: skriv inn et kontonummer som finnes (1000–9999).
ERR_ACCOUNT_EXISTS = { $field }: kontoen finnes allerede.
ERR_NOT_FOUND = { $field }: finnes ikke.
ERR_ALREADY_REVERSED = Bilaget er allerede tilbakeført.
ERR_POSTING_REFUSED = Posteringen ble avvist.
ERR_CLOSE_NOT_PAST = Bare forretningsdatoer som er passert, kan avsluttes.
ERR_CLOSE_OUT_OF_ORDER = Datoene avsluttes i rekkefølge: avslutt forrige dato først.
ERR_CLOSE_ALREADY = Datoen er allerede avsluttet.
ERR_CLOSE_FAILED = Dagsavslutningen fant feil i regnskapet; datoen forblir åpen (se revisjonsloggen).

## Success messages after an action (ui::flash) and the confirmation step (ui::confirm)
confirm-back = Tilbake
flash-order-captured = Trekket er gjort og fakturaen opprettet.
flash-order-refunded = Refusjonen er gjort og kreditnotaen opprettet.
flash-order-cancelled = Ordren er kansellert.
flash-order-released = Den gjenstående reservasjonen er frigitt.
flash-key-created = API-nøkkelen er opprettet.
flash-key-revoked = API-nøkkelen er sperret.
flash-merchant-created = Forhandleren er registrert.
flash-merchant-saved = Forhandlerens opplysninger er lagret.
flash-agreement-added = Den nye avtaleversjonen er lagret.
flash-user-created = Portalbrukeren er opprettet.
flash-account-added = Kontoen er lagt til.
flash-account-renamed = Kontoen har fått nytt navn.
flash-entry-reversed = Bilaget er tilbakeført.
flash-day-closed = Datoen er avsluttet.
flash-address-added = Adressen er lagret.
flash-ruleset-created = Utkastet er opprettet.
flash-ruleset-saved = Utkastet er lagret.
flash-ruleset-activated = Regelsettet er aktivert.
flash-clock-changed = Forretningsklokken er endret.
flash-batch-uploaded = Filen er mottatt og blir behandlet.
portal-order-confirm-cancel-title = Vil du kansellere denne ordren?
portal-order-confirm-cancel-warning = Hele reservasjonen frigis, og ordren kan ikke lenger trekkes. Dette kan ikke angres.
portal-order-confirm-cancel-amount = Reservasjon som frigis
portal-order-confirm-release-title = Vil du frigi den gjenstående reservasjonen?
portal-order-confirm-release-warning = Det som ikke er trukket, kan ikke lenger trekkes. Eksisterende trekk og fakturaer påvirkes ikke. Dette kan ikke angres.
portal-order-confirm-release-amount = Reservasjon som frigis
bk-close-confirm-title = Vil du avslutte datoen?
bk-close-confirm-warning = Ingen flere bilag kan bokføres på en avsluttet dato; sene posteringer havner på neste åpne dato. Dette kan ikke angres.
