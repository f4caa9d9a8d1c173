# Forhandlerportalen: batcher — norsk bokmål.

## Batchfeil (samme koder som API-ets error_code).
BATCH_NOT_FOUND = Batchen finnes ikke.
BATCH_FORMAT_UNSUPPORTED = Filen har et format som ikke støttes: trekk som CSV eller JSON Lines, nye ordrer som JSON Lines.
ERR_PORTAL_BATCH_FILE = Velg en fil å laste opp.
ERR_PORTAL_BATCH_KIND = Velg hva filen inneholder: trekk eller nye ordrer.
ERR_PORTAL_BATCH_TOO_LARGE = Filen er for stor (maks. 2 MB).
BATCH_QUEUE_FULL = For mange rader fra tidligere filer venter fortsatt på behandling; ingenting ble importert. Last opp filen igjen når de er ferdige.
ERR_PORTAL_BATCH_RATE_LIMITED = For mange opplastinger på kort tid; ingenting ble importert. Vent et minutt og last opp filen igjen.

## Batchlisten og opplasting.
portal-batches-intro = Last opp mange trekk eller nye ordrer på én gang. Hver rad utføres én gang, under sin egen nøkkel, og får sitt eget resultat.
portal-batches-upload = Last opp en fil
portal-batches-upload-button = Last opp
portal-batches-list = Opplastede filer
portal-batches-empty = Ingen filer er lastet opp ennå.
portal-batches-older = Eldre filer
portal-batches-back = ← Alle batcher
portal-batch-file = Fil
portal-batch-formats = Trekk: CSV med kolonnene order_id, captured_amount (i øre/cent), reference og en valgfri key, eller det samme som JSON Lines. Nye ordrer: JSON Lines, én ordre per linje som i POST /v1/orders.
portal-batch-file-problems = Filen har { $total } feil, og ingenting ble importert. Rett filen og last den opp igjen:

## Én batch.
portal-batch = Batch
portal-batch-kind = Innhold
portal-batch-kind-captures = Trekk
portal-batch-kind-orders = Nye ordrer
portal-batch-status = Status
portal-batch-status-queued = I kø
portal-batch-status-running = Pågår
portal-batch-status-done = Ferdig
portal-batch-progress = Fremdrift
portal-batch-ok = Vellykket
portal-batch-errors = Avvist
portal-batch-uploaded = Lastet opp
portal-batch-download = Last ned resultatene (CSV)
portal-batch-row = Rad
portal-batch-key = Nøkkel
portal-batch-result = Resultat
portal-batch-more-rows = Flere rader
portal-batch-row-status-pending = Venter
portal-batch-row-status-ok = Ferdig
portal-batch-row-status-error = Avvist
portal-batch-row-pending = Ikke behandlet ennå
portal-batch-row-order = Ordre opprettet
portal-batch-row-invoice = Faktura { $number }
portal-batch-row-error-other = Avvist: { $message }
portal-batch-no-rows = Filen har ingen rader.
