# Kreditor back office — English.

## Navigation
nav-label = Main menu
nav-later = Coming in a later release
nav-dashboard = Dashboard
nav-customers = Customers
nav-credit = Credit rules
nav-orders = Orders
nav-invoices = Invoices
nav-payments = Payments
nav-cases = Cases
nav-installments = Installments
nav-settlements = Settlements
nav-bookkeeping = Bookkeeping
nav-merchants = Merchants
nav-jobs = Jobs
nav-alarms = Alarms
nav-audit = Audit log
nav-settings = Settings
page-not-found = Page not found.

## Frame
business-date = Business date
logout = Log out
role-admin = Administrator
role-support = Support
role-finance = Finance

## Login
login-intro = Sign in to continue.
login-submit = Sign in

## Fields
field-email = E-mail
field-password = Password
field-name = Name
field-role = Role
field-days = Days
field-hours = Hours
field-date = Date
field-time = Time
field-lang = Language
field-frozen = Clock mode

## Dashboard
dash-business-time = Business time
dash-clock = Clock
dash-clock-mode = Mode
clock-frozen = Stopped
clock-running = Running
dash-database = Database
dash-primary = Primary
dash-standby = Standby
dash-replication = Replication
dash-sync = Synchronisation
dash-lag = Lag
dash-signed-in = Signed in as
status-up = up
status-down = down

## Audit log
audit-action = Action
audit-entity-type = Entity type
audit-entity-id = Entity id
audit-entity = Entity
audit-actor = Done by
audit-business-time = Business time
audit-changes = Changes
audit-request = Request
audit-empty = No records match the filter.
filter = Filter
older = Older records
newest = Newest
newer = Newer records
paging = Pages
list-page-total = Total on this page

## Settings
settings-clock = The business clock
settings-advance = Move forward
settings-advance-submit = Move the clock forward
settings-set = Set the clock
settings-set-submit = Set the clock
settings-freeze-there = Stop the clock there
settings-freeze = Stop the clock
settings-resume = Start the clock
settings-offset = Offset
settings-offset-days = { $days ->
    [one] { $days } day ahead of the wall clock
   *[other] { $days } days ahead of the wall clock
}
settings-env = Environment
settings-production-clock = In production the business clock always follows real time and cannot be moved.

## Errors (ids are the API's error codes)
ERR_UNAUTHORIZED = You are not signed in, or your session has expired. Please sign in again.
ERR_FORBIDDEN = Your role is not allowed to do this.
ERR_WRONG_CREDENTIALS = Wrong email or password.
ERR_TOO_MANY_ATTEMPTS = Too many attempts. Try again in { $seconds ->
    [one] { $seconds } second.
   *[other] { $seconds } seconds.
}
ERR_REQUIRED = { $field } is required.
ERR_UNKNOWN_LANGUAGE = Unknown language.
ERR_INVALID_COUNT = { $field }: enter a whole number, 0 or more.
ERR_ZERO_ADVANCE = Enter how far to move the clock.
ERR_INVALID_DATE = { $field }: enter a date as YYYY-MM-DD.
ERR_INVALID_TIME = { $field }: enter a time as HH:MM.
ERR_INVALID_CHOICE = { $field }: invalid choice.
ERR_CONTROL_CHARACTER = { $field }: contains a control character (such as NUL), which is not allowed.
ERR_TOO_LONG = { $field }: too long.
ERR_TIME_TRAVEL_REFUSED = In production the business clock cannot be moved.
ERR_CLOCK_BACKWARDS = The business clock can only move forward.
ERR_UNAVAILABLE = The service is temporarily unavailable. Please try again shortly. (Reference { $id })
ERR_INTERNAL = Something went wrong. (Reference { $id })
ERR_TRANSPORT = The request failed. Check your connection and try again.
ERR_CSRF = The form was not accepted for security reasons. Reload the page and try again.

## Bookkeeping
bk-trial-balance = Trial balance
bk-journal = Journal
bk-statement = Account statement
bk-accounts = Chart of accounts
bk-account = Account
bk-currency = Currency
bk-opening = Opening balance
bk-debit = Debit
bk-credit = Credit
bk-closing = Closing balance
bk-balance = Balance
bk-total = Total
bk-balanced = Balanced
bk-unbalanced = Not balanced
bk-sie-download = Download SIE 4
bk-close = Daily close
bk-close-help = A closed business date takes no more postings; late postings go to the next open date. Dates close in order, and only once they are past.
bk-close-submit = Close the date
bk-closed = Closed:
bk-entry = Entry
bk-event = Event
bk-text = Text
bk-amount = Amount
bk-all = All
bk-merchant = Merchant
bk-customer = Customer
bk-merchant-help = Merchant statement: account 2440 with the merchant's id shows what Kreditor owes the merchant.
bk-choose-account = Choose an account.
bk-truncated = The statement shows the first 2,000 lines; the SIE export has them all.
bk-no-entries = No entries match the filter.
bk-reversed = Reversed by
bk-reverses = Reverses
bk-object = Business object
bk-dimensions = Dimensions
bk-reverse = Reverse the entry
bk-reason = Reason
bk-reverse-submit = Reverse
bk-add-account = Add account
bk-rename-account = Rename account
bk-name-sv = Name (Swedish)
bk-name-en = Name (English)
bk-kind = Account type
bk-any-currency = Any currency
bk-other-name = Name (Swedish)
bk-vat = VAT code
bk-status = Status
bk-active = Active
bk-inactive = Inactive
kind-asset = Asset
kind-liability = Liability
kind-equity = Equity
kind-income = Income
kind-expense = Expense
field-from = From
field-to = To
field-number = Account number
field-name_sv = Name (Swedish)
field-name_en = Name (English)
field-kind = Account type
field-currency = Currency
field-account = Account
field-reason = Reason
field-id = Entry
event-order-captured = Order captured
event-merchant-commission = Commission
event-payment-received = Payment received
event-payment-overpaid = Overpayment
event-payment-unmatched = Unmatched payment
event-payment-allocated = Payment allocated
event-payment-returned = Payment returned
event-refund-before-payment = Credit before payment
event-refund-after-payment = Refund after payment
event-refund-paid-out = Refund paid out
event-dunning-reminder-fee = Reminder fee
event-dunning-late-interest = Late payment interest
event-collection-doubtful = To collection (doubtful)
event-collection-write-off = Write-off
event-collection-recovery = Recovery
event-settlement-payout = Merchant payout
event-correction-reversal = Reversal
ERR_INVALID_ACCOUNT = { $field }: enter an existing account number (1000–9999).
ERR_ACCOUNT_EXISTS = { $field }: the account already exists.
ERR_NOT_FOUND = { $field }: not found.
ERR_ALREADY_REVERSED = The entry has already been reversed.
ERR_POSTING_REFUSED = The posting was refused.
ERR_CLOSE_NOT_PAST = Only past business dates can be closed.
ERR_CLOSE_OUT_OF_ORDER = Dates close in order: close the previous date first.
ERR_CLOSE_ALREADY = The date is already closed.
ERR_CLOSE_FAILED = The daily close found errors in the books; the date stays open (see the audit log).

## Success messages after an action (ui::flash) and the confirmation step (ui::confirm)
confirm-back = Back
flash-order-captured = The capture is done and the invoice created.
flash-order-refunded = The refund is done and the credit note created.
flash-order-cancelled = The order is cancelled.
flash-order-released = The remaining authorization is released.
flash-key-created = The API key is created.
flash-key-revoked = The API key is revoked.
flash-merchant-created = The merchant is registered.
flash-merchant-saved = The merchant's details are saved.
flash-agreement-added = The new agreement version is saved.
flash-user-created = The portal user is created.
flash-account-added = The account is added.
flash-account-renamed = The account is renamed.
flash-entry-reversed = The entry is reversed.
flash-day-closed = The date is closed.
flash-address-added = The address is saved.
flash-ruleset-created = The draft is created.
flash-ruleset-saved = The draft is saved.
flash-ruleset-activated = The ruleset is activated.
flash-clock-changed = The business clock is changed.
flash-batch-uploaded = The file is received and being processed.
portal-order-confirm-cancel-title = Cancel this order?
portal-order-confirm-cancel-warning = The whole authorization is released and the order can no longer be captured. This cannot be undone.
portal-order-confirm-cancel-amount = Authorization released
portal-order-confirm-release-title = Release the remaining authorization?
portal-order-confirm-release-warning = What is not captured can no longer be captured. Existing captures and invoices are not affected. This cannot be undone.
portal-order-confirm-release-amount = Authorization released
bk-close-confirm-title = Close the date?
bk-close-confirm-warning = No more entries can be posted on a closed date; late postings go to the next open date. This cannot be undone.
