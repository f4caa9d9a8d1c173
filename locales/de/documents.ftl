# Invoice and credit-note PDFs (app::documents). Amounts and dates arrive formatted.
doc-invoice = Rechnung
doc-credit-note = Gutschrift
doc-invoice-number = Rechnungsnummer
doc-credit-note-number = Gutschriftsnummer
doc-invoice-date = Rechnungsdatum
doc-credit-note-date = Datum
doc-due-date = Fälligkeitsdatum
doc-payment-terms = Zahlungsbedingungen
doc-payment-terms-days = { $days ->
    [one] { $days } Tag netto
   *[other] { $days } Tage netto
}
doc-order-reference = Bestellreferenz
doc-merchant = Gekauft bei
doc-credits-invoice = Gutschrift zur Rechnung { $number } vom { $date }
doc-col-description = Beschreibung
doc-col-quantity = Menge
doc-col-unit-price = Einzelpreis
doc-col-vat = MwSt.
doc-col-amount = Betrag
doc-carried-forward = Übertrag
doc-brought-forward = Übertrag von der Vorseite
doc-vat-line = MwSt. { $rate } % auf { $net }
doc-invoice-fee = Rechnungsgebühr
doc-total-to-pay = Zu zahlender Betrag
doc-total-credited = Gutgeschriebener Betrag
doc-page = Seite { $page } von { $pages }
doc-pay-heading = Zahlungsinformationen
doc-bankgiro = Bankgiro
doc-ocr = OCR-Nummer
doc-account = Kontonummer
doc-kid = KID
doc-iban = IBAN
doc-bic = BIC
doc-viitenumero = Referenznummer
doc-fik = Zahlungs-ID (FIK)
doc-pay-note = Bitte geben Sie bei der Zahlung immer die { $reference } an, damit Ihre Zahlung richtig zugeordnet wird.
doc-credit-note-note = Der Betrag wird von der Rechnung abgezogen. Falls Sie bereits bezahlt haben, erstatten wir Ihnen die Differenz.
doc-terms-heading = Bedingungen
doc-terms-interest-se = Bei Zahlung nach dem Fälligkeitsdatum werden Verzugszinsen nach dem schwedischen Zinsgesetz berechnet (Referenzzinssatz + 8 Prozentpunkte).
doc-terms-interest-no = Bei Zahlung nach dem Fälligkeitsdatum werden Verzugszinsen nach dem norwegischen Verzugszinsgesetz berechnet.
doc-terms-interest-fi = Bei Zahlung nach dem Fälligkeitsdatum werden Verzugszinsen nach dem finnischen Zinsgesetz berechnet (Referenzzinssatz + 7 Prozentpunkte).
doc-terms-interest-dk = Bei Zahlung nach dem Fälligkeitsdatum werden Verzugszinsen nach dem dänischen Zinsgesetz berechnet (Ausleihzins der Nationalbank + 8 Prozentpunkte).
doc-terms-reminder = Mahngebühr: { $fee } je Mahnung.
doc-customer-service = Kundenservice
doc-org-nr = Handelsreg.-Nr.
doc-vat-nr = USt-IdNr.
