# Handlarportalen: batcher — svenska.

## Batchfel (samma koder som API:ets error_code).
BATCH_NOT_FOUND = Batchen finns inte.
BATCH_FORMAT_UNSUPPORTED = Filen har ett format som inte stöds: aktiveringar som CSV eller JSON Lines, nya ordrar som JSON Lines.
ERR_PORTAL_BATCH_FILE = Välj en fil att ladda upp.
ERR_PORTAL_BATCH_KIND = Välj vad filen innehåller: aktiveringar eller nya ordrar.
ERR_PORTAL_BATCH_TOO_LARGE = Filen är för stor (högst 2 MB).
BATCH_QUEUE_FULL = För många rader från tidigare filer väntar fortfarande på att behandlas; inget importerades. Ladda upp filen igen när de är klara.
ERR_PORTAL_BATCH_RATE_LIMITED = För många uppladdningar på kort tid; inget importerades. Vänta en minut och ladda upp filen igen.

## Batchlistan och uppladdning.
portal-batches-intro = Ladda upp många aktiveringar eller nya ordrar på en gång. Varje rad utförs en gång, under sin egen nyckel, och får sitt eget resultat.
portal-batches-upload = Ladda upp en fil
portal-batches-upload-button = Ladda upp
portal-batches-list = Uppladdade filer
portal-batches-empty = Inga filer uppladdade ännu.
portal-batches-older = Äldre filer
portal-batches-back = ← Alla batcher
portal-batch-file = Fil
portal-batch-formats = Aktiveringar: CSV med kolumnerna order_id, captured_amount (i öre), reference och en valfri key, eller detsamma som JSON Lines. Nya ordrar: JSON Lines, en order per rad som i POST /v1/orders.
portal-batch-file-problems = Filen har { $total } fel och ingenting importerades. Rätta filen och ladda upp den igen:

## En batch.
portal-batch = Batch
portal-batch-kind = Innehåll
portal-batch-kind-captures = Aktiveringar
portal-batch-kind-orders = Nya ordrar
portal-batch-status = Status
portal-batch-status-queued = I kö
portal-batch-status-running = Pågår
portal-batch-status-done = Klar
portal-batch-progress = Förlopp
portal-batch-ok = Lyckade
portal-batch-errors = Avvisade
portal-batch-uploaded = Uppladdad
portal-batch-download = Ladda ner resultaten (CSV)
portal-batch-row = Rad
portal-batch-key = Nyckel
portal-batch-result = Resultat
portal-batch-more-rows = Fler rader
portal-batch-row-status-pending = Väntar
portal-batch-row-status-ok = Klar
portal-batch-row-status-error = Avvisad
portal-batch-row-pending = Inte behandlad ännu
portal-batch-row-order = Order skapad
portal-batch-row-invoice = Faktura { $number }
portal-batch-row-error-other = Avvisad: { $message }
portal-batch-no-rows = Filen har inga rader.
