# Invoice and credit-note PDFs (app::documents). Amounts and dates arrive formatted.
doc-invoice = Faktura
doc-credit-note = Kreditnota
doc-invoice-number = Fakturanummer
doc-credit-note-number = Kreditnotanummer
doc-invoice-date = Fakturadato
doc-credit-note-date = Dato
doc-due-date = Forfaldsdato
doc-payment-terms = Betalingsbetingelser
doc-payment-terms-days = { $days ->
    [one] Netto { $days } dag
   *[other] Netto { $days } dage
}
doc-order-reference = Ordrereference
doc-merchant = Købt hos
doc-credits-invoice = Krediterer faktura { $number } af { $date }
doc-col-description = Beskrivelse
doc-col-quantity = Antal
doc-col-unit-price = Stykpris
doc-col-vat = Moms
doc-col-amount = Beløb
doc-carried-forward = Transport
doc-brought-forward = Transport fra forrige side
doc-vat-line = Moms { $rate } % af { $net }
doc-invoice-fee = Fakturagebyr
doc-total-to-pay = At betale
doc-total-credited = Krediteret beløb
doc-page = Side { $page } af { $pages }
doc-pay-heading = Betalingsoplysninger
doc-bankgiro = Bankgiro
doc-ocr = OCR-nummer
doc-account = Kontonummer
doc-kid = KID
doc-iban = IBAN
doc-bic = BIC
doc-viitenumero = Referencenummer
doc-fik = Betalings-id (FIK)
doc-pay-note = Angiv altid { $reference } ved betaling, så din betaling bliver registreret korrekt.
doc-credit-note-note = Beløbet trækkes fra fakturaen. Har du allerede betalt, får du forskellen tilbage.
doc-terms-heading = Betingelser
doc-terms-interest-se = Ved betaling efter forfaldsdagen beregnes morarente efter den svenske rentelov (referencerenten + 8 procentpoint).
doc-terms-interest-no = Ved betaling efter forfaldsdagen beregnes morarente efter den norske morarentelov.
doc-terms-interest-fi = Ved betaling efter forfaldsdagen beregnes morarente efter den finske rentelov (referencerenten + 7 procentpoint).
doc-terms-interest-dk = Ved betaling efter forfaldsdagen beregnes morarente efter renteloven (Nationalbankens udlånsrente + 8 procentpoint).
doc-terms-reminder = Rykkergebyr: { $fee } pr. rykker.
doc-customer-service = Kundeservice
doc-org-nr = CVR-nr.
doc-vat-nr = Momsnr.
