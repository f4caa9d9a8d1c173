# Kreditor back office — Finnish.

## Navigointi
nav-label = Päävalikko
nav-later = Tulossa myöhemmässä versiossa
nav-dashboard = Yleiskatsaus
nav-customers = Asiakkaat
nav-credit = Luottosäännöt
nav-orders = Tilaukset
nav-invoices = Laskut
nav-payments = Maksut
nav-cases = Tapaukset
nav-installments = Osamaksut
nav-settlements = Tilitykset
nav-bookkeeping = Kirjanpito
nav-merchants = Kauppiaat
nav-jobs = Taustatyöt
nav-alarms = Hälytykset
nav-audit = Tarkastusloki
nav-settings = Asetukset
page-not-found = Sivua ei löytynyt.

## Kehys
business-date = Järjestelmäpäivä
logout = Kirjaudu ulos
role-admin = Pääkäyttäjä
role-support = Asiakaspalvelu
role-finance = Talous

## Kirjautuminen
login-intro = Kirjaudu sisään jatkaaksesi.
login-submit = Kirjaudu sisään

## Kentät
field-email = Sähköpostiosoite
field-password = Salasana
field-name = Nimi
field-role = Rooli
field-days = Päiviä
field-hours = Tunteja
field-date = Päivämäärä
field-time = Kellonaika
field-lang = Kieli
field-frozen = Kellon tila

## Yleiskatsaus
dash-business-time = Järjestelmäaika
dash-clock = Kello
dash-clock-mode = Tila
clock-frozen = Pysäytetty
clock-running = Käy
dash-database = Tietokanta
dash-primary = Ensisijainen
dash-standby = Varapalvelin (standby)
dash-replication = Replikointi
dash-sync = Synkronointi
dash-lag = Viive
dash-signed-in = Kirjautunut käyttäjä
status-up = toiminnassa
status-down = alhaalla

## Tarkastusloki
audit-action = Toiminto
audit-entity-type = Kohteen tyyppi
audit-entity-id = Kohteen tunnus
audit-entity = Kohde
audit-actor = Tekijä
audit-business-time = Järjestelmäaika
audit-changes = Muutokset
audit-request = Pyyntö
audit-empty = Suodatinta vastaavia merkintöjä ei ole.
filter = Suodata
older = Vanhemmat merkinnät
newest = Uusimmat
newer = Uudemmat merkinnät
paging = Sivut
list-page-total = Sivun summa

## Asetukset
settings-clock = Järjestelmäkello
settings-advance = Siirrä eteenpäin
settings-advance-submit = Siirrä kelloa eteenpäin
settings-set = Aseta kello
settings-set-submit = Aseta kello
settings-freeze-there = Pysäytä kello siihen
settings-freeze = Pysäytä kello
settings-resume = Käynnistä kello
settings-offset = Siirtymä
settings-offset-days = { $days ->
    [one] { $days } päivä todellisen ajan edellä
   *[other] { $days } päivää todellisen ajan edellä
}
settings-env = Ympäristö
settings-production-clock = Tuotannossa järjestelmäkello seuraa aina todellista aikaa, eikä sitä voi siirtää.

## Virheet (tunnisteet ovat API:n virhekoodeja)
ERR_UNAUTHORIZED = Et ole kirjautunut sisään, tai istuntosi on vanhentunut. Kirjaudu uudelleen.
ERR_FORBIDDEN = Roolisi ei salli tätä toimintoa.
ERR_WRONG_CREDENTIALS = Väärä sähköpostiosoite tai salasana.
ERR_TOO_MANY_ATTEMPTS = Liian monta yritystä. Yritä uudelleen { $seconds ->
    [one] { $seconds } sekunnin kuluttua.
   *[other] { $seconds } sekunnin kuluttua.
}
ERR_REQUIRED = { $field } on pakollinen tieto.
ERR_UNKNOWN_LANGUAGE = Tuntematon kieli.
ERR_INVALID_COUNT = { $field }: anna kokonaisluku, joka on 0 tai suurempi.
ERR_ZERO_ADVANCE = Anna, kuinka paljon kelloa siirretään.
ERR_INVALID_DATE = { $field }: anna päivämäärä muodossa VVVV-KK-PP.
ERR_INVALID_TIME = { $field }: anna kellonaika muodossa TT:MM.
ERR_INVALID_CHOICE = { $field }: virheellinen valinta.
ERR_CONTROL_CHARACTER = { $field }: sisältää ohjausmerkin (kuten NUL), joka ei ole sallittu.
ERR_TOO_LONG = { $field }: liian pitkä.
ERR_TIME_TRAVEL_REFUSED = Tuotannossa järjestelmäkelloa ei voi siirtää.
ERR_CLOCK_BACKWARDS = Järjestelmäkelloa voi siirtää vain eteenpäin.
ERR_UNAVAILABLE = Palvelu ei ole tilapäisesti käytettävissä. Yritä hetken kuluttua uudelleen. (Virhetunnus { $id })
ERR_INTERNAL = Jokin meni vikaan. (Virhetunnus { $id })
ERR_TRANSPORT = Pyyntö epäonnistui. Tarkista verkkoyhteys ja yritä uudelleen.
ERR_CSRF = Lomaketta ei hyväksytty tietoturvasyistä. Päivitä sivu ja yritä uudelleen.

## Kirjanpito
bk-trial-balance = Saldoluettelo
bk-journal = Päiväkirja
bk-statement = Tilin tapahtumat
bk-accounts = Tilikartta
bk-account = Tili
bk-currency = Valuutta
bk-opening = Alkusaldo
bk-debit = Debet
bk-credit = Kredit
bk-closing = Loppusaldo
bk-balance = Saldo
bk-total = Yhteensä
bk-balanced = Täsmää
bk-unbalanced = Ei täsmää
bk-sie-download = Lataa SIE 4 -tiedosto
bk-close = Päivän sulkeminen
bk-close-help = Suljetulle järjestelmäpäivälle ei voi enää kirjata; myöhästyneet kirjaukset siirtyvät seuraavalle avoimelle päivälle. Päivät suljetaan järjestyksessä ja vasta, kun ne ovat päättyneet.
bk-close-submit = Sulje päivä
bk-closed = Suljettu:
bk-entry = Tosite
bk-event = Tapahtuma
bk-text = Selite
bk-amount = Summa
bk-all = Kaikki
bk-merchant = Kauppias
bk-customer = Asiakas
bk-merchant-help = Kauppiaan tapahtumat: tili 2440 kauppiaan tunnuksella näyttää, paljonko Kreditor on velkaa kauppiaalle.
bk-choose-account = Valitse tili.
bk-truncated = Näkymässä on ensimmäiset 2 000 riviä; SIE-viennissä ovat kaikki rivit.
bk-no-entries = Suodatinta vastaavia tositteita ei ole.
bk-reversed = Vastakirjattu tositteella
bk-reverses = Vastakirjaus tositteelle
bk-object = Kohde
bk-dimensions = Dimensiot
bk-reverse = Vastakirjaa tosite
bk-reason = Syy
bk-reverse-submit = Vastakirjaa
bk-add-account = Lisää tili
bk-rename-account = Nimeä tili uudelleen
bk-name-sv = Nimi (ruotsiksi)
bk-name-en = Nimi (englanniksi)
bk-kind = Tilityyppi
bk-any-currency = Kaikki valuutat
bk-other-name = Nimi (ruotsiksi)
bk-vat = ALV-koodi
bk-status = Tila
bk-active = Käytössä
bk-inactive = Ei käytössä
kind-asset = Varat
kind-liability = Velat
kind-equity = Oma pääoma
kind-income = Tuotot
kind-expense = Kulut
field-from = Alkaen
field-to = Asti
field-number = Tilinumero
field-name_sv = Nimi (ruotsiksi)
field-name_en = Nimi (englanniksi)
field-kind = Tilityyppi
field-currency = Valuutta
field-account = Tili
field-reason = Syy
field-id = Tosite
event-order-captured = Tilaus veloitettu
event-merchant-commission = Provisio
event-payment-received = Maksu vastaanotettu
event-payment-overpaid = Liikasuoritus
event-payment-unmatched = Kohdistamaton maksu
event-payment-allocated = Maksu kohdistettu
event-payment-returned = Palautettu maksu
event-refund-before-payment = Hyvitys ennen maksua
event-refund-after-payment = Hyvitys maksun jälkeen
event-refund-paid-out = Hyvitys maksettu asiakkaalle
event-dunning-reminder-fee = Muistutusmaksu
event-dunning-late-interest = Viivästyskorko
event-collection-doubtful = Perintään (epävarma saatava)
event-collection-write-off = Luottotappio
event-collection-recovery = Luottotappiona kirjatun saatavan kertymä
event-settlement-payout = Tilitys kauppiaalle
event-correction-reversal = Vastakirjaus
ERR_INVALID_ACCOUNT = { $field }: anna olemassa oleva tilinumero (1000–9999).
ERR_ACCOUNT_EXISTS = { $field }: tili on jo olemassa.
ERR_NOT_FOUND = { $field }: ei löytynyt.
ERR_ALREADY_REVERSED = Tosite on jo vastakirjattu.
ERR_POSTING_REFUSED = Kirjausta ei hyväksytty.
ERR_CLOSE_NOT_PAST = Vain päättyneet järjestelmäpäivät voi sulkea.
ERR_CLOSE_OUT_OF_ORDER = Päivät suljetaan järjestyksessä: sulje ensin edellinen päivä.
ERR_CLOSE_ALREADY = Päivä on jo suljettu.
ERR_CLOSE_FAILED = Päivän sulkemisessa löytyi virheitä kirjanpidosta; päivä pysyy avoimena (katso tarkastusloki).

## Success messages after an action (ui::flash) and the confirmation step (ui::confirm)
confirm-back = Takaisin
flash-order-captured = Veloitus on tehty ja lasku luotu.
flash-order-refunded = Hyvitys on tehty ja hyvityslasku luotu.
flash-order-cancelled = Tilaus on peruutettu.
flash-order-released = Jäljellä oleva varaus on vapautettu.
flash-key-created = API-avain on luotu.
flash-key-revoked = API-avain on mitätöity.
flash-merchant-created = Kauppias on rekisteröity.
flash-merchant-saved = Kauppiaan tiedot on tallennettu.
flash-agreement-added = Uusi sopimusversio on tallennettu.
flash-user-created = Portaalin käyttäjä on luotu.
flash-account-added = Tili on lisätty.
flash-account-renamed = Tili on nimetty uudelleen.
flash-entry-reversed = Tosite on vastakirjattu.
flash-day-closed = Päivä on suljettu.
flash-address-added = Osoite on tallennettu.
flash-ruleset-created = Luonnos on luotu.
flash-ruleset-saved = Luonnos on tallennettu.
flash-ruleset-activated = Sääntökokoelma on otettu käyttöön.
flash-clock-changed = Järjestelmäkello on muutettu.
flash-batch-uploaded = Tiedosto on vastaanotettu ja sitä käsitellään.
portal-order-confirm-cancel-title = Peruutetaanko tämä tilaus?
portal-order-confirm-cancel-warning = Koko varaus vapautetaan, eikä tilausta voi enää veloittaa. Toimintoa ei voi perua.
portal-order-confirm-cancel-amount = Vapautettava varaus
portal-order-confirm-release-title = Vapautetaanko jäljellä oleva varaus?
portal-order-confirm-release-warning = Veloittamatonta osaa ei voi enää veloittaa. Tehdyt veloitukset ja laskut eivät muutu. Toimintoa ei voi perua.
portal-order-confirm-release-amount = Vapautettava varaus
bk-close-confirm-title = Suljetaanko päivä?
bk-close-confirm-warning = Suljetulle päivälle ei voi enää kirjata tositteita. Toimintoa ei voi perua.
