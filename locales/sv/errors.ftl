# Felkoder som tjänsterna returnerar (AppError::code() och domänfelens code()) och som ännu
# saknade meddelande. Utan variabler, så att de går att visa var som helst.

## Belopp som någon har skrivit (app::money::ParseReason)
ERR_AMOUNT_EMPTY = Ange ett belopp.
ERR_AMOUNT_INVALID_CHARACTER = Beloppet innehåller ett tecken som inte hör hemma i ett belopp.
ERR_AMOUNT_WRONG_DECIMAL_SEPARATOR = Använd det valda språkets decimaltecken: komma på svenska, punkt på engelska.
ERR_AMOUNT_MULTIPLE_DECIMAL_SEPARATORS = Beloppet har mer än ett decimaltecken.
ERR_AMOUNT_MISSING_DIGITS = Det saknas siffror före eller efter decimaltecknet.
ERR_AMOUNT_MISPLACED_GROUP_SEPARATOR = En tusentalsavgränsare står på fel ställe.
ERR_AMOUNT_MISPLACED_MINUS = Ett minustecken får bara stå först, och bara en gång.
ERR_AMOUNT_TOO_MANY_DECIMALS = Beloppet har fler decimaler än valutan tillåter.
ERR_AMOUNT_UNKNOWN_CURRENCY = Beloppet anger en okänd valuta.
ERR_AMOUNT_WRONG_CURRENCY = Beloppet är i en annan valuta än den förväntade.
ERR_AMOUNT_DUPLICATE_CURRENCY = Valutan är angiven mer än en gång.
ERR_AMOUNT_OUT_OF_RANGE = Beloppet är för stort.

## Beräkningar med pengar (app::money::MoneyError)
ERR_MONEY_CURRENCY_MISMATCH = Belopp i olika valutor kan inte kombineras.
ERR_MONEY_NOT_ROUNDED = Beloppet har fler decimaler än valutan tillåter.
ERR_MONEY_OVERFLOW = Beloppet är för stort.
ERR_MONEY_NO_PARTS = Ett belopp kan inte delas i noll delar.
ERR_MONEY_INVALID_WEIGHTS = Beloppet kan inte fördelas med de här andelarna.

## Personnummer (app::customers::national_id::IdError)
ERR_ID_FORMAT = Personnumret har inte det format som används i landet.
ERR_ID_DATE = Personnumret innehåller ett datum som inte finns.
ERR_ID_CHECK_DIGIT = Personnumrets kontrollsiffra stämmer inte. Kontrollera att det är rätt skrivet.
ERR_ID_CENTURY = Det går inte att avgöra vilket sekel födelsedatumet i personnumret gäller.
ERR_ID_FUTURE_BIRTH_DATE = Födelsedatumet i personnumret ligger i framtiden.
ERR_ID_UNSUPPORTED_COUNTRY = Personnummer från det här landet kan inte kontrolleras.

## SIE-filer (app::ledger::sie::SieError)
ERR_SIE_UNBALANCED_VOUCHER = En verifikation i SIE-filen balanserar inte.
ERR_SIE_EMPTY_VOUCHER = En verifikation i SIE-filen saknar rader.
ERR_SIE_DUPLICATE_VOUCHER = Två verifikationer i SIE-filen har samma serie och nummer.
ERR_SIE_VOUCHER_OUTSIDE_YEAR = En verifikation i SIE-filen är daterad utanför räkenskapsåret.
ERR_SIE_UNKNOWN_ACCOUNT = SIE-filen använder ett konto som inte finns i kontoplanen.
ERR_SIE_DUPLICATE_ACCOUNT = Ett konto förekommer två gånger i SIE-filens kontoplan.
ERR_SIE_WRONG_ACCOUNT_KIND = SIE-filen har ett ingående saldo, utgående saldo eller resultat på fel sorts konto.
ERR_SIE_DUPLICATE_BALANCE = Ett konto har mer än ett saldo av samma slag i SIE-filen.
ERR_SIE_TOO_MANY_DECIMALS = Ett belopp i SIE-filen har fler än två decimaler.
ERR_SIE_BALANCE_MISMATCH = Ett kontos saldon i SIE-filen stämmer inte med dess transaktioner.
ERR_SIE_INVALID_YEAR = SIE-filens räkenskapsår slutar innan det börjar.
ERR_SIE_UNENCODABLE = Ett tecken kan inte skrivas i SIE-filens teckenuppsättning (teckentabell 437).
ERR_SIE_SYNTAX = SIE-filen kan inte läsas: den följer inte SIE-formatet.

## Kompileringsfel i PolicyRules (app::credit::policy::PolicyErrorKind)
POLICY_SYNTAX = Reglerna följer inte PolicyRules-grammatiken.
POLICY_UNKNOWN_FACT = Reglerna använder ett faktum som inte finns.
POLICY_TYPE = Reglerna jämför eller kombinerar värden av typer som inte passar ihop.
POLICY_CURRENCY_MISMATCH = Reglerna kombinerar belopp i olika valutor.
POLICY_DUPLICATE_RULE = Två regler har samma namn.
POLICY_DEFAULT = Reglerna måste sluta med exakt en standardrad.
POLICY_REASON_CODE = Orsakskoder skrivs med versaler och understreck, t.ex. UNDERAGE.
POLICY_SCOPE = Regeluppsättningens rubrik eller ett for-avsnitt är felaktigt.

## Skrivningar med okänt utfall, och portalformulär som skickas två gånger (app::kdb, app::portal::order_actions)
COMMIT_UNCERTAIN = Anslutningen till databasen bröts medan åtgärden sparades, så vi kan inte säga om den genomfördes. Kontrollera ordern nedan innan du försöker igen.
ERR_PORTAL_FORM_TOKEN = Formuläret har redan skickats med annat innehåll, eller så är det ofullständigt. Sidan visar nu ordern som den är; fyll i formuläret igen.
