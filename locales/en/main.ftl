# Kreditor back office — English.

## Navigation
nav-label = Main menu
nav-later = Coming in a later release
nav-dashboard = Dashboard
nav-customers = Customers
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
settings-offset-days = { $days } days ahead of the wall clock
settings-env = Environment
settings-production-clock = In production the business clock always follows real time and cannot be moved.

## Errors (ids are the API's error codes)
ERR_UNAUTHORIZED = You are not signed in, or your session has expired. Please sign in again.
ERR_FORBIDDEN = Your role is not allowed to do this.
ERR_WRONG_CREDENTIALS = Wrong email or password.
ERR_ACCOUNT_LOCKED = Too many failed attempts. The account is locked for { $minutes } minutes.
ERR_REQUIRED = { $field } is required.
ERR_UNKNOWN_LANGUAGE = Unknown language.
ERR_INVALID_COUNT = { $field }: enter a whole number, 0 or more.
ERR_ZERO_ADVANCE = Enter how far to move the clock.
ERR_INVALID_DATE = { $field }: enter a date as YYYY-MM-DD.
ERR_INVALID_TIME = { $field }: enter a time as HH:MM.
ERR_INVALID_CHOICE = { $field }: invalid choice.
ERR_TIME_TRAVEL_REFUSED = In production the business clock cannot be moved.
ERR_CLOCK_BACKWARDS = The business clock can only move forward.
ERR_UNAVAILABLE = The service is temporarily unavailable. Please try again shortly. (Reference { $id })
ERR_INTERNAL = Something went wrong. (Reference { $id })
ERR_TRANSPORT = The request failed. Check your connection and try again.
ERR_CSRF = The form was not accepted for security reasons. Reload the page and try again.
