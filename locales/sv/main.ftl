# Kreditor back office — Swedish (default language).

## Navigation
nav-label = Huvudmeny
nav-later = Kommer i en senare version
nav-dashboard = Översikt
nav-customers = Kunder
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
settings-offset-days = { $days } dagar före väggklockan
settings-env = Miljö
settings-production-clock = I produktion följer affärsklockan alltid den verkliga tiden och kan inte flyttas.

## Errors (ids are the API's error codes)
ERR_UNAUTHORIZED = Du är inte inloggad, eller så har sessionen gått ut. Logga in igen.
ERR_FORBIDDEN = Din roll får inte göra detta.
ERR_WRONG_CREDENTIALS = Fel e-postadress eller lösenord.
ERR_ACCOUNT_LOCKED = För många misslyckade försök. Kontot är låst i { $minutes } minuter.
ERR_REQUIRED = { $field } måste fyllas i.
ERR_UNKNOWN_LANGUAGE = Okänt språk.
ERR_INVALID_COUNT = { $field }: ange ett heltal, 0 eller större.
ERR_ZERO_ADVANCE = Ange hur långt klockan ska flyttas.
ERR_INVALID_DATE = { $field }: ange ett datum som ÅÅÅÅ-MM-DD.
ERR_INVALID_TIME = { $field }: ange en tid som TT:MM.
ERR_INVALID_CHOICE = { $field }: ogiltigt val.
ERR_TIME_TRAVEL_REFUSED = I produktion kan affärsklockan inte flyttas.
ERR_CLOCK_BACKWARDS = Affärsklockan kan bara flyttas framåt.
ERR_UNAVAILABLE = Tjänsten är tillfälligt otillgänglig. Försök igen om en stund. (Referens { $id })
ERR_INTERNAL = Något gick fel. (Referens { $id })
ERR_TRANSPORT = Anropet misslyckades. Kontrollera anslutningen och försök igen.
ERR_CSRF = Formuläret godtogs inte av säkerhetsskäl. Ladda om sidan och försök igen.
