# Kauppiasportaali: erät — suomi.

## Erävirheet (samat koodit kuin API:n error_code).
BATCH_NOT_FOUND = Erää ei ole olemassa.
BATCH_FORMAT_UNSUPPORTED = Tiedoston muotoa ei tueta: veloitukset CSV- tai JSON Lines -muodossa, uudet tilaukset JSON Lines -muodossa.
ERR_PORTAL_BATCH_FILE = Valitse lähetettävä tiedosto.
ERR_PORTAL_BATCH_KIND = Valitse, mitä tiedosto sisältää: veloituksia vai uusia tilauksia.
ERR_PORTAL_BATCH_TOO_LARGE = Tiedosto on liian suuri (enintään 2 Mt).
BATCH_QUEUE_FULL = Aiemmista tiedostoista odottaa vielä liian monta riviä käsittelyä; mitään ei tuotu. Lähetä tiedosto uudelleen, kun ne on käsitelty.
ERR_PORTAL_BATCH_RATE_LIMITED = Liian monta lähetystä lyhyessä ajassa; mitään ei tuotu. Odota minuutti ja lähetä tiedosto uudelleen.

## Eräluettelo ja tiedoston lähettäminen.
portal-batches-intro = Lähetä monta veloitusta tai uutta tilausta kerralla. Jokainen rivi käsitellään kerran omalla avaimellaan, ja jokainen saa oman tuloksensa.
portal-batches-upload = Lähetä tiedosto
portal-batches-upload-button = Lähetä
portal-batches-list = Lähetetyt tiedostot
portal-batches-empty = Tiedostoja ei ole vielä lähetetty.
portal-batches-older = Vanhemmat tiedostot
portal-batches-back = ← Kaikki erät
portal-batch-file = Tiedosto
portal-batch-formats = Veloitukset: CSV, jossa sarakkeet order_id, captured_amount (sentteinä tai äyreinä), reference ja valinnainen key, tai samat tiedot JSON Lines -muodossa. Uudet tilaukset: JSON Lines, yksi tilaus riviä kohden kuten POST /v1/orders -kutsussa.
portal-batch-file-problems = Tiedostossa on { $total ->
    [one] { $total } virhe
   *[other] { $total } virhettä
}, eikä mitään tuotu. Korjaa tiedosto ja lähetä se uudelleen:

## Yksi erä.
portal-batch = Erä
portal-batch-kind = Sisältö
portal-batch-kind-captures = Veloitukset
portal-batch-kind-orders = Uudet tilaukset
portal-batch-status = Tila
portal-batch-status-queued = Jonossa
portal-batch-status-running = Käynnissä
portal-batch-status-done = Valmis
portal-batch-progress = Edistyminen
portal-batch-ok = Onnistuneet
portal-batch-errors = Hylätyt
portal-batch-uploaded = Lähetetty
portal-batch-download = Lataa tulokset (CSV)
portal-batch-row = Rivi
portal-batch-key = Avain
portal-batch-result = Tulos
portal-batch-more-rows = Lisää rivejä
portal-batch-row-status-pending = Odottaa
portal-batch-row-status-ok = Valmis
portal-batch-row-status-error = Hylätty
portal-batch-row-pending = Ei vielä käsitelty
portal-batch-row-order = Tilaus luotu
portal-batch-row-invoice = Lasku { $number }
portal-batch-row-error-other = Hylätty: { $message }
portal-batch-no-rows = Tiedostossa ei ole rivejä.
