package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.smartcustoms.declaration.Money;

/**
 * Duty and taxes for one goods item (or one estimate), all amounts in national currency rounded to 2
 * decimals HALF_UP. {@code declaredValue} is the value as declared, converted at {@code exchangeRate}
 * (national units per declared unit, valid on {@code date}); {@code freightAndInsurance} is what was added for
 * FOB-like terms; {@code customsValue} = converted value + freightAndInsurance. {@code total} = duty + excise +
 * VAT. {@code explanation} is a sentence a trader can read.
 */
public record ItemAssessment(int sequence, String commodityCode, String origin, LocalDate date, Money declaredValue,
                             BigDecimal exchangeRate, Money freightAndInsurance, Money customsValue, Charge duty,
                             Charge excise, Charge vat, Money total, String explanation) { }
