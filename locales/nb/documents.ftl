# Invoice and credit-note PDFs (app::documents). Amounts and dates arrive formatted.
doc-invoice = Faktura
doc-credit-note = Kreditnota
doc-invoice-number = Fakturanummer
doc-credit-note-number = Kreditnotanummer
doc-invoice-date = Fakturadato
doc-credit-note-date = Dato
doc-due-date = Forfallsdato
doc-payment-terms = Betalingsbetingelser
doc-payment-terms-days = { $days ->
    [one] { $days } dag netto
   *[other] { $days } dager netto
}
doc-order-reference = Ordrereferanse
doc-merchant = Kjøpt hos
doc-credits-invoice = Krediterer faktura { $number } av { $date }
doc-col-description = Beskrivelse
doc-col-quantity = Antall
doc-col-unit-price = Enhetspris
doc-col-vat = MVA
doc-col-amount = Beløp
doc-carried-forward = Overføres
doc-brought-forward = Overført fra forrige side
doc-vat-line = MVA { $rate } % av { $net }
doc-invoice-fee = Fakturagebyr
doc-total-to-pay = Å betale
doc-total-credited = Kreditert beløp
doc-page = Side { $page } av { $pages }
doc-pay-heading = Betalingsinformasjon
doc-bankgiro = Bankgiro
doc-ocr = OCR-nummer
doc-account = Kontonummer
doc-kid = KID
doc-iban = IBAN
doc-bic = BIC
doc-viitenumero = Referansenummer
doc-fik = Betalings-ID (FIK)
doc-pay-note = Oppgi alltid { $reference } når du betaler, så blir betalingen registrert riktig.
doc-credit-note-note = Beløpet trekkes fra fakturaen. Har du allerede betalt, får du mellomlegget tilbake.
doc-terms-heading = Vilkår
doc-terms-interest-se = Ved betaling etter forfall beregnes forsinkelsesrente etter svensk rentelov (referanserenten + 8 prosentpoeng).
doc-terms-interest-no = Ved betaling etter forfall beregnes forsinkelsesrente etter forsinkelsesrenteloven.
doc-terms-interest-fi = Ved betaling etter forfall beregnes forsinkelsesrente etter finsk rentelov (referanserenten + 7 prosentpoeng).
doc-terms-interest-dk = Ved betaling etter forfall beregnes forsinkelsesrente etter dansk rentelov (Nationalbankens utlånsrente + 8 prosentpoeng).
doc-terms-reminder = Purregebyr: { $fee } per purring.
doc-customer-service = Kundeservice
doc-org-nr = Org.nr.
doc-vat-nr = MVA-nr.
