# Merchant portal: batches — English.

## Batch errors (the same codes as the API's error_code).
BATCH_NOT_FOUND = The batch does not exist.
BATCH_FORMAT_UNSUPPORTED = The file is not in a supported format: captures as CSV or JSON Lines, new orders as JSON Lines.
ERR_PORTAL_BATCH_FILE = Choose a file to upload.
ERR_PORTAL_BATCH_KIND = Choose what the file contains: captures or new orders.
ERR_PORTAL_BATCH_TOO_LARGE = The file is too large (at most 2 MB).
BATCH_QUEUE_FULL = Too many rows of earlier files are still waiting to be processed; nothing was imported. Upload the file again once they are done.
ERR_PORTAL_BATCH_RATE_LIMITED = Too many uploads in a short time; nothing was imported. Wait a minute and upload the file again.

## The batch list and upload.
portal-batches-intro = Upload many captures or new orders at once. Each row is done once, under its own key, and gets its own result.
portal-batches-upload = Upload a file
portal-batches-upload-button = Upload
portal-batches-list = Uploaded files
portal-batches-empty = No files uploaded yet.
portal-batches-older = Older files
portal-batches-back = ← All batches
portal-batch-file = File
portal-batch-formats = Captures: CSV with the columns order_id, captured_amount (in öre/cents), reference and an optional key, or the same as JSON Lines. New orders: JSON Lines, one order per line as in POST /v1/orders.
portal-batch-file-problems = The file has { $total ->
    [one] { $total } problem
   *[other] { $total } problems
} and nothing was imported. Correct the file and upload it again:

## One batch.
portal-batch = Batch
portal-batch-kind = Contents
portal-batch-kind-captures = Captures
portal-batch-kind-orders = New orders
portal-batch-status = Status
portal-batch-status-queued = Queued
portal-batch-status-running = In progress
portal-batch-status-done = Done
portal-batch-progress = Progress
portal-batch-ok = Succeeded
portal-batch-errors = Refused
portal-batch-uploaded = Uploaded
portal-batch-download = Download the results (CSV)
portal-batch-row = Row
portal-batch-key = Key
portal-batch-result = Result
portal-batch-more-rows = More rows
portal-batch-row-status-pending = Waiting
portal-batch-row-status-ok = Done
portal-batch-row-status-error = Refused
portal-batch-row-pending = Not processed yet
portal-batch-row-order = Order created
portal-batch-row-invoice = Invoice { $number }
portal-batch-row-error-other = Refused: { $message }
portal-batch-no-rows = The file has no rows.
