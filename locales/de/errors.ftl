# Fehlercodes, die die Dienste zurückgeben (AppError::code() und code() der Domänenfehler) und
# die noch keine Meldung hatten. Ohne Variablen formuliert, damit sie überall gut lesbar sind.

## Von Personen eingegebene Beträge (app::money::ParseReason)
ERR_AMOUNT_EMPTY = Geben Sie einen Betrag ein.
ERR_AMOUNT_INVALID_CHARACTER = Der Betrag enthält ein Zeichen, das nicht in einen Betrag gehört.
ERR_AMOUNT_WRONG_DECIMAL_SEPARATOR = Verwenden Sie das Dezimaltrennzeichen der gewählten Sprache: im Deutschen ein Komma, im Englischen einen Punkt.
ERR_AMOUNT_MULTIPLE_DECIMAL_SEPARATORS = Der Betrag enthält mehr als ein Dezimaltrennzeichen.
ERR_AMOUNT_MISSING_DIGITS = Vor oder nach dem Dezimaltrennzeichen fehlen Ziffern.
ERR_AMOUNT_MISPLACED_GROUP_SEPARATOR = Ein Tausendertrennzeichen steht an der falschen Stelle.
ERR_AMOUNT_MISPLACED_MINUS = Ein Minuszeichen darf nur am Anfang und nur einmal stehen.
ERR_AMOUNT_TOO_MANY_DECIMALS = Der Betrag hat mehr Nachkommastellen, als die Währung erlaubt.
ERR_AMOUNT_UNKNOWN_CURRENCY = Der Betrag nennt eine unbekannte Währung.
ERR_AMOUNT_WRONG_CURRENCY = Der Betrag ist in einer anderen Währung als erwartet.
ERR_AMOUNT_DUPLICATE_CURRENCY = Die Währung ist mehr als einmal angegeben.
ERR_AMOUNT_OUT_OF_RANGE = Der Betrag ist zu groß.

## Rechnen mit Geldbeträgen (app::money::MoneyError)
ERR_MONEY_CURRENCY_MISMATCH = Beträge in verschiedenen Währungen können nicht verrechnet werden.
ERR_MONEY_NOT_ROUNDED = Der Betrag hat mehr Nachkommastellen, als die Währung erlaubt.
ERR_MONEY_OVERFLOW = Der Betrag ist zu groß.
ERR_MONEY_NO_PARTS = Ein Betrag kann nicht in null Teile aufgeteilt werden.
ERR_MONEY_INVALID_WEIGHTS = Der Betrag kann nicht nach diesen Anteilen aufgeteilt werden.

## Personennummern (app::customers::national_id::IdError)
ERR_ID_FORMAT = Die Personennummer hat nicht das im Land übliche Format.
ERR_ID_DATE = Die Personennummer enthält ein Datum, das es nicht gibt.
ERR_ID_CHECK_DIGIT = Die Prüfziffer der Personennummer stimmt nicht. Prüfen Sie die Eingabe auf Tippfehler.
ERR_ID_CENTURY = Das Jahrhundert des Geburtsdatums in der Personennummer lässt sich nicht bestimmen.
ERR_ID_FUTURE_BIRTH_DATE = Das Geburtsdatum in der Personennummer liegt in der Zukunft.
ERR_ID_UNSUPPORTED_COUNTRY = Personennummern dieses Landes können nicht geprüft werden.

## SIE-Dateien (app::ledger::sie::SieError)
ERR_SIE_UNBALANCED_VOUCHER = Ein Beleg in der SIE-Datei ist nicht ausgeglichen.
ERR_SIE_EMPTY_VOUCHER = Ein Beleg in der SIE-Datei hat keine Zeilen.
ERR_SIE_DUPLICATE_VOUCHER = Zwei Belege in der SIE-Datei haben dieselbe Serie und Nummer.
ERR_SIE_VOUCHER_OUTSIDE_YEAR = Ein Beleg in der SIE-Datei ist außerhalb des Geschäftsjahres datiert.
ERR_SIE_UNKNOWN_ACCOUNT = Die SIE-Datei verwendet ein Konto, das nicht im Kontenplan steht.
ERR_SIE_DUPLICATE_ACCOUNT = Ein Konto kommt im Kontenplan der SIE-Datei zweimal vor.
ERR_SIE_WRONG_ACCOUNT_KIND = Die SIE-Datei enthält einen Anfangssaldo, Endsaldo oder ein Ergebnis auf einem Konto der falschen Art.
ERR_SIE_DUPLICATE_BALANCE = Ein Konto hat in der SIE-Datei mehr als einen Saldo derselben Art.
ERR_SIE_TOO_MANY_DECIMALS = Ein Betrag in der SIE-Datei hat mehr als zwei Nachkommastellen.
ERR_SIE_BALANCE_MISMATCH = Die Salden eines Kontos in der SIE-Datei stimmen nicht mit seinen Buchungen überein.
ERR_SIE_INVALID_YEAR = Das Geschäftsjahr der SIE-Datei endet, bevor es beginnt.
ERR_SIE_UNENCODABLE = Ein Zeichen kann im Zeichensatz der SIE-Datei (Codepage 437) nicht dargestellt werden.
ERR_SIE_SYNTAX = Die SIE-Datei kann nicht gelesen werden: Sie entspricht nicht dem SIE-Format.

## Kompilierfehler in PolicyRules (app::credit::policy::PolicyErrorKind)
POLICY_SYNTAX = Die Regeln entsprechen nicht der PolicyRules-Grammatik.
POLICY_UNKNOWN_FACT = Die Regeln verwenden einen Fakt, den es nicht gibt.
POLICY_TYPE = Die Regeln vergleichen oder verknüpfen Werte, deren Typen nicht zusammenpassen.
POLICY_CURRENCY_MISMATCH = Die Regeln verknüpfen Beträge in verschiedenen Währungen.
POLICY_DUPLICATE_RULE = Zwei Regeln haben denselben Namen.
POLICY_DEFAULT = Die Regeln müssen mit genau einer Standardzeile enden.
POLICY_REASON_CODE = Begründungscodes werden in Großbuchstaben mit Unterstrichen geschrieben, z. B. UNDERAGE.
POLICY_SCOPE = Der Kopf des Regelwerks oder ein for-Abschnitt ist fehlerhaft.

## Schreibvorgänge mit unbekanntem Ausgang und doppelt gesendete Portalformulare (app::kdb, app::portal::order_actions)
COMMIT_UNCERTAIN = Die Verbindung zur Datenbank ist beim Speichern der Aktion abgebrochen, daher können wir nicht sagen, ob sie ausgeführt wurde. Prüfen Sie die Bestellung unten, bevor Sie es erneut versuchen.
ERR_PORTAL_FORM_TOKEN = Dieses Formular wurde bereits mit anderem Inhalt gesendet, oder es ist unvollständig. Die Seite zeigt jetzt den aktuellen Stand der Bestellung; füllen Sie das Formular erneut aus.
