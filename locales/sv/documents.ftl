# Invoice and credit-note PDFs (app::documents). Amounts and dates arrive formatted.
doc-invoice = Faktura
doc-credit-note = Kreditfaktura
doc-invoice-number = Fakturanummer
doc-credit-note-number = Kreditfakturanummer
doc-invoice-date = Fakturadatum
doc-credit-note-date = Datum
doc-due-date = Förfallodatum
doc-payment-terms = Betalningsvillkor
doc-payment-terms-days = { $days ->
    [one] { $days } dag netto
   *[other] { $days } dagar netto
}
doc-order-reference = Orderreferens
doc-merchant = Köpt hos
doc-credits-invoice = Krediterar faktura { $number } av { $date }
doc-col-description = Beskrivning
doc-col-quantity = Antal
doc-col-unit-price = À-pris
doc-col-vat = Moms
doc-col-amount = Belopp
doc-carried-forward = Att överföra
doc-brought-forward = Överfört från föregående sida
doc-vat-line = Moms { $rate } % på { $net }
doc-invoice-fee = Fakturaavgift
doc-total-to-pay = Att betala
doc-total-credited = Krediterat belopp
doc-page = Sida { $page } av { $pages }
doc-pay-heading = Betalningsinformation
doc-bankgiro = Bankgiro
doc-ocr = OCR-nummer
doc-account = Kontonummer
doc-kid = KID
doc-iban = IBAN
doc-bic = BIC
doc-viitenumero = Referensnummer
doc-fik = Betalings-id (FIK)
doc-pay-note = Ange alltid { $reference } när du betalar, så hamnar betalningen rätt.
doc-credit-note-note = Beloppet dras av från fakturan. Har du redan betalat den får du mellanskillnaden tillbaka.
doc-terms-heading = Villkor
doc-terms-interest-se = Vid betalning efter förfallodagen debiteras dröjsmålsränta enligt räntelagen (referensräntan + 8 procentenheter).
doc-terms-interest-no = Vid betalning efter förfallodagen debiteras dröjsmålsränta enligt norsk lag (forsinkelsesrenteloven).
doc-terms-interest-fi = Vid betalning efter förfallodagen debiteras dröjsmålsränta enligt finsk räntelag (referensräntan + 7 procentenheter).
doc-terms-interest-dk = Vid betalning efter förfallodagen debiteras dröjsmålsränta enligt dansk räntelag (Nationalbankens utlåningsränta + 8 procentenheter).
doc-terms-reminder = Påminnelseavgift: { $fee } per påminnelse.
doc-customer-service = Kundservice
doc-org-nr = Org.nr
doc-vat-nr = Momsreg.nr
