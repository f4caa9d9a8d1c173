# Kreditor back office — Danish.

## Navigation
nav-label = Hovedmenu
nav-later = Kommer i en senere version
nav-dashboard = Oversigt
nav-customers = Kunder
nav-credit = Kreditregler
nav-orders = Ordrer
nav-invoices = Fakturaer
nav-payments = Betalinger
nav-cases = Sager
nav-installments = Afbetalinger
nav-settlements = Afregninger
nav-bookkeeping = Bogføring
nav-merchants = Forhandlere
nav-jobs = Job
nav-alarms = Alarmer
nav-audit = Revisionslog
nav-settings = Indstillinger
page-not-found = Siden findes ikke.

## Frame
business-date = Forretningsdato
logout = Log ud
role-admin = Administrator
role-support = Kundeservice
role-finance = Økonomi

## Login
login-intro = Log ind for at fortsætte.
login-submit = Log ind

## Fields
field-email = E-mailadresse
field-password = Adgangskode
field-name = Navn
field-role = Rolle
field-days = Dage
field-hours = Timer
field-date = Dato
field-time = Klokkeslæt
field-lang = Sprog
field-frozen = Urets tilstand

## Dashboard
dash-business-time = Forretningstid
dash-clock = Ur
dash-clock-mode = Tilstand
clock-frozen = Stoppet
clock-running = Går
dash-database = Database
dash-primary = Primær
dash-standby = Reserve (standby)
dash-replication = Replikering
dash-sync = Synkronisering
dash-lag = Forsinkelse
dash-signed-in = Logget ind som
status-up = oppe
status-down = nede

## Audit log
audit-action = Handling
audit-entity-type = Objekttype
audit-entity-id = Objekt-id
audit-entity = Objekt
audit-actor = Udført af
audit-business-time = Forretningstid
audit-changes = Ændringer
audit-request = Forespørgsel
audit-empty = Ingen poster matcher filteret.
filter = Filtrer
older = Ældre poster
newest = Nyeste
newer = Nyere poster
paging = Bladr
list-page-total = Sum på siden

## Settings
settings-clock = Forretningsuret
settings-advance = Flyt frem
settings-advance-submit = Flyt uret frem
settings-set = Stil uret
settings-set-submit = Stil uret
settings-freeze-there = Stop uret dér
settings-freeze = Stop uret
settings-resume = Start uret
settings-offset = Forskydning
settings-offset-days = { $days ->
    [one] { $days } dag foran den virkelige tid
   *[other] { $days } dage foran den virkelige tid
}
settings-env = Miljø
settings-production-clock = I produktion følger forretningsuret altid den virkelige tid og kan ikke flyttes.

## Errors (ids are the API's error codes)
ERR_UNAUTHORIZED = Du er ikke logget ind, eller din session er udløbet. Log ind igen.
ERR_FORBIDDEN = Din rolle har ikke adgang til dette.
ERR_WRONG_CREDENTIALS = Forkert e-mailadresse eller adgangskode.
ERR_TOO_MANY_ATTEMPTS = For mange forsøg. Prøv igen om { $seconds ->
    [one] { $seconds } sekund.
   *[other] { $seconds } sekunder.
}
ERR_REQUIRED = { $field } skal udfyldes.
ERR_UNKNOWN_LANGUAGE = Ukendt sprog.
ERR_INVALID_COUNT = { $field }: angiv et helt tal, 0 eller derover.
ERR_ZERO_ADVANCE = Angiv hvor langt uret skal flyttes.
ERR_INVALID_DATE = { $field }: angiv en dato som ÅÅÅÅ-MM-DD.
ERR_INVALID_TIME = { $field }: angiv et klokkeslæt som TT:MM.
ERR_INVALID_CHOICE = { $field }: ugyldigt valg.
ERR_CONTROL_CHARACTER = { $field }: indeholder et kontroltegn (f.eks. NUL), hvilket ikke er tilladt.
ERR_TOO_LONG = { $field }: for langt.
ERR_TIME_TRAVEL_REFUSED = I produktion kan forretningsuret ikke flyttes.
ERR_CLOCK_BACKWARDS = Forretningsuret kan kun flyttes fremad.
ERR_UNAVAILABLE = Tjenesten er midlertidigt utilgængelig. Prøv igen om lidt. (Reference { $id })
ERR_INTERNAL = Noget gik galt. (Reference { $id })
ERR_TRANSPORT = Forespørgslen mislykkedes. Tjek din forbindelse og prøv igen.
ERR_CSRF = Formularen blev ikke accepteret af sikkerhedshensyn. Genindlæs siden og prøv igen.

## Bookkeeping
bk-trial-balance = Saldobalance
bk-journal = Bilag
bk-statement = Kontokort
bk-accounts = Kontoplan
bk-account = Konto
bk-currency = Valuta
bk-opening = Primosaldo
bk-debit = Debet
bk-credit = Kredit
bk-closing = Ultimosaldo
bk-balance = Saldo
bk-total = I alt
bk-balanced = Balancerer
bk-unbalanced = Balancerer ikke
bk-sie-download = Download SIE 4
bk-close = Dagsafslutning
bk-close-help = En afsluttet forretningsdato modtager ikke flere posteringer; sene posteringer bogføres på den næste åbne dato. Datoerne afsluttes i rækkefølge og først, når de er passeret.
bk-close-submit = Afslut datoen
bk-closed = Afsluttet:
bk-entry = Bilag
bk-event = Hændelse
bk-text = Tekst
bk-amount = Beløb
bk-all = Alle
bk-merchant = Forhandler
bk-customer = Kunde
bk-merchant-help = Forhandlerens kontokort: konto 2440 med forhandlerens id viser, hvad Kreditor skylder forhandleren.
bk-choose-account = Vælg en konto.
bk-truncated = Kontokortet viser de første 2.000 linjer; SIE-eksporten indeholder dem alle.
bk-no-entries = Ingen bilag matcher filteret.
bk-reversed = Tilbageført af
bk-reverses = Tilbagefører
bk-object = Forretningsobjekt
bk-dimensions = Dimensioner
bk-reverse = Tilbagefør bilaget
bk-reason = Årsag
bk-reverse-submit = Tilbagefør
bk-add-account = Tilføj konto
bk-rename-account = Omdøb konto
bk-name-sv = Navn (svensk)
bk-name-en = Navn (engelsk)
bk-kind = Kontotype
bk-any-currency = Alle valutaer
bk-other-name = Navn (svensk)
bk-vat = Momskode
bk-status = Status
bk-active = Aktiv
bk-inactive = Inaktiv
kind-asset = Aktiv
kind-liability = Gæld
kind-equity = Egenkapital
kind-income = Indtægt
kind-expense = Omkostning
field-from = Fra
field-to = Til
field-number = Kontonummer
field-name_sv = Navn (svensk)
field-name_en = Navn (engelsk)
field-kind = Kontotype
field-currency = Valuta
field-account = Konto
field-reason = Årsag
field-id = Bilag
event-order-captured = Hævning på ordre
event-merchant-commission = Provision
event-payment-received = Indbetaling
event-payment-overpaid = Overbetaling
event-payment-unmatched = Uidentificeret indbetaling
event-payment-allocated = Indbetaling fordelt
event-payment-returned = Tilbageført indbetaling
event-refund-before-payment = Kreditering før betaling
event-refund-after-payment = Refundering efter betaling
event-refund-paid-out = Refundering udbetalt
event-dunning-reminder-fee = Rykkergebyr
event-dunning-late-interest = Morarente
event-collection-doubtful = Til inkasso (tvivlsomt tilgodehavende)
event-collection-write-off = Konstateret tab
event-collection-recovery = Indgået på afskrevet tilgodehavende
event-settlement-payout = Udbetaling til forhandler
event-correction-reversal = Tilbageføring
ERR_INVALID_ACCOUNT = { $field }: angiv et eksisterende kontonummer (1000–9999).
ERR_ACCOUNT_EXISTS = { $field }: kontoen findes allerede.
ERR_NOT_FOUND = { $field }: findes ikke.
ERR_ALREADY_REVERSED = Bilaget er allerede tilbageført.
ERR_POSTING_REFUSED = Posteringen blev afvist.
ERR_CLOSE_NOT_PAST = Kun forretningsdatoer, der er passeret, kan afsluttes.
ERR_CLOSE_OUT_OF_ORDER = Datoerne afsluttes i rækkefølge: afslut den forrige dato først.
ERR_CLOSE_ALREADY = Datoen er allerede afsluttet.
ERR_CLOSE_FAILED = Dagsafslutningen fandt fejl i bogføringen; datoen forbliver åben (se revisionsloggen).

## Success messages after an action (ui::flash) and the confirmation step (ui::confirm)
confirm-back = Tilbage
flash-order-captured = Hævningen er gennemført, og fakturaen er oprettet.
flash-order-refunded = Refunderingen er gennemført, og kreditnotaen er oprettet.
flash-order-cancelled = Ordren er annulleret.
flash-order-released = Den resterende reservation er frigivet.
flash-key-created = API-nøglen er oprettet.
flash-key-revoked = API-nøglen er spærret.
flash-merchant-created = Forhandleren er registreret.
flash-merchant-saved = Forhandlerens oplysninger er gemt.
flash-agreement-added = Den nye aftaleversion er gemt.
flash-user-created = Portalbrugeren er oprettet.
flash-account-added = Kontoen er tilføjet.
flash-account-renamed = Kontoen har fået nyt navn.
flash-entry-reversed = Bilaget er tilbageført.
flash-day-closed = Datoen er afsluttet.
flash-address-added = Adressen er gemt.
flash-ruleset-created = Kladden er oprettet.
flash-ruleset-saved = Kladden er gemt.
flash-ruleset-activated = Regelsættet er aktiveret.
flash-clock-changed = Forretningsuret er ændret.
flash-batch-uploaded = Filen er modtaget og bliver behandlet.
portal-order-confirm-cancel-title = Vil du annullere denne ordre?
portal-order-confirm-cancel-warning = Hele reservationen frigives, og ordren kan ikke længere hæves. Det kan ikke fortrydes.
portal-order-confirm-cancel-amount = Reservation, der frigives
portal-order-confirm-release-title = Vil du frigive den resterende reservation?
portal-order-confirm-release-warning = Det, der ikke er hævet, kan ikke længere hæves. Eksisterende hævninger og fakturaer berøres ikke. Det kan ikke fortrydes.
portal-order-confirm-release-amount = Reservation, der frigives
bk-close-confirm-title = Vil du afslutte datoen?
bk-close-confirm-warning = Der kan ikke bogføres flere bilag på en afsluttet dato; sene posteringer havner på næste åbne dato. Det kan ikke fortrydes.
