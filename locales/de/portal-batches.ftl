# Händlerportal: Stapel — Deutsch.

## Stapelfehler (dieselben Codes wie error_code der API).
BATCH_NOT_FOUND = Der Stapel existiert nicht.
BATCH_FORMAT_UNSUPPORTED = Das Dateiformat wird nicht unterstützt: Erfassungen als CSV oder JSON Lines, neue Bestellungen als JSON Lines.
ERR_PORTAL_BATCH_FILE = Wählen Sie eine Datei zum Hochladen aus.
ERR_PORTAL_BATCH_KIND = Wählen Sie aus, was die Datei enthält: Erfassungen oder neue Bestellungen.
ERR_PORTAL_BATCH_TOO_LARGE = Die Datei ist zu groß (höchstens 2 MB).
BATCH_QUEUE_FULL = Zu viele Zeilen aus früheren Dateien warten noch auf die Verarbeitung; es wurde nichts importiert. Laden Sie die Datei erneut hoch, sobald sie verarbeitet sind.
ERR_PORTAL_BATCH_RATE_LIMITED = Zu viele Uploads in kurzer Zeit; es wurde nichts importiert. Warten Sie eine Minute und laden Sie die Datei erneut hoch.

## Stapelliste und Upload.
portal-batches-intro = Laden Sie viele Erfassungen oder neue Bestellungen auf einmal hoch. Jede Zeile wird genau einmal unter ihrem eigenen Schlüssel ausgeführt und erhält ihr eigenes Ergebnis.
portal-batches-upload = Datei hochladen
portal-batches-upload-button = Hochladen
portal-batches-list = Hochgeladene Dateien
portal-batches-empty = Noch keine Dateien hochgeladen.
portal-batches-older = Ältere Dateien
portal-batches-back = ← Alle Stapel
portal-batch-file = Datei
portal-batch-formats = Erfassungen: CSV mit den Spalten order_id, captured_amount (in Cent/Öre), reference und optional key, oder dasselbe als JSON Lines. Neue Bestellungen: JSON Lines, eine Bestellung pro Zeile wie bei POST /v1/orders.
portal-batch-file-problems = Die Datei enthält { $total } Fehler, daher wurde nichts importiert. Korrigieren Sie die Datei und laden Sie sie erneut hoch:

## Ein Stapel.
portal-batch = Stapel
portal-batch-kind = Inhalt
portal-batch-kind-captures = Erfassungen
portal-batch-kind-orders = Neue Bestellungen
portal-batch-status = Status
portal-batch-status-queued = In der Warteschlange
portal-batch-status-running = In Bearbeitung
portal-batch-status-done = Fertig
portal-batch-progress = Fortschritt
portal-batch-ok = Erfolgreich
portal-batch-errors = Abgelehnt
portal-batch-uploaded = Hochgeladen
portal-batch-download = Ergebnisse herunterladen (CSV)
portal-batch-row = Zeile
portal-batch-key = Schlüssel
portal-batch-result = Ergebnis
portal-batch-more-rows = Weitere Zeilen
portal-batch-row-status-pending = Wartet
portal-batch-row-status-ok = Fertig
portal-batch-row-status-error = Abgelehnt
portal-batch-row-pending = Noch nicht verarbeitet
portal-batch-row-order = Bestellung angelegt
portal-batch-row-invoice = Rechnung { $number }
portal-batch-row-error-other = Abgelehnt: { $message }
portal-batch-no-rows = Die Datei hat keine Zeilen.
