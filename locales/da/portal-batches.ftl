# Forhandlerportalen: batches — dansk.

## Batchfejl (samme koder som API'ets error_code).
BATCH_NOT_FOUND = Batchen findes ikke.
BATCH_FORMAT_UNSUPPORTED = Filen har et format, der ikke understøttes: hævninger som CSV eller JSON Lines, nye ordrer som JSON Lines.
ERR_PORTAL_BATCH_FILE = Vælg en fil, der skal uploades.
ERR_PORTAL_BATCH_KIND = Vælg, hvad filen indeholder: hævninger eller nye ordrer.
ERR_PORTAL_BATCH_TOO_LARGE = Filen er for stor (højst 2 MB).
BATCH_QUEUE_FULL = For mange rækker fra tidligere filer venter stadig på at blive behandlet; intet blev importeret. Upload filen igen, når de er færdige.
ERR_PORTAL_BATCH_RATE_LIMITED = For mange uploads på kort tid; intet blev importeret. Vent et minut, og upload filen igen.

## Batchlisten og upload.
portal-batches-intro = Upload mange hævninger eller nye ordrer på én gang. Hver række udføres én gang under sin egen nøgle og får sit eget resultat.
portal-batches-upload = Upload en fil
portal-batches-upload-button = Upload
portal-batches-list = Uploadede filer
portal-batches-empty = Ingen filer er uploadet endnu.
portal-batches-older = Ældre filer
portal-batches-back = ← Alle batches
portal-batch-file = Fil
portal-batch-formats = Hævninger: CSV med kolonnerne order_id, captured_amount (i øre/cent), reference og en valgfri key, eller det samme som JSON Lines. Nye ordrer: JSON Lines, én ordre pr. linje som i POST /v1/orders.
portal-batch-file-problems = Filen har { $total } fejl, og intet blev importeret. Ret filen, og upload den igen:

## Én batch.
portal-batch = Batch
portal-batch-kind = Indhold
portal-batch-kind-captures = Hævninger
portal-batch-kind-orders = Nye ordrer
portal-batch-status = Status
portal-batch-status-queued = I kø
portal-batch-status-running = I gang
portal-batch-status-done = Færdig
portal-batch-progress = Fremskridt
portal-batch-ok = Gennemført
portal-batch-errors = Afvist
portal-batch-uploaded = Uploadet
portal-batch-download = Download resultaterne (CSV)
portal-batch-row = Række
portal-batch-key = Nøgle
portal-batch-result = Resultat
portal-batch-more-rows = Flere rækker
portal-batch-row-status-pending = Venter
portal-batch-row-status-ok = Færdig
portal-batch-row-status-error = Afvist
portal-batch-row-pending = Ikke behandlet endnu
portal-batch-row-order = Ordre oprettet
portal-batch-row-invoice = Faktura { $number }
portal-batch-row-error-other = Afvist: { $message }
portal-batch-no-rows = Filen har ingen rækker.
