/**
 * Tariff, duty and tax assessment: the HS nomenclature with national lines ({@link org.smartcustoms.tariff.Nomenclature}),
 * the rate schedule ({@link org.smartcustoms.tariff.TariffSchedule}), exchange rates
 * ({@link org.smartcustoms.tariff.ExchangeRates}), and the {@link org.smartcustoms.tariff.Assessor} that turns a
 * declaration (or a trader's one-line estimate) into customs value, duty, excise and VAT. Everything here is an
 * immutable snapshot built by loaders from CSV readers, so the server can reload tariff data atomically.
 */
package org.smartcustoms.tariff;
