package org.smartcustoms.tariff;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A small built-in tariff (national currency EUR) so the demo server and tests work without the shared HS
 * data: 57 common headings with illustrative MFN rates, EPA-JP, TCA-GB and GSP-EBA preferences, VAT 20% /
 * 5% for food, excise on beer, spirits and cigarettes, and USD/JPY/CNY/KRW/GBP rates from 2020-01-01 (changed
 * 2024-01-01). The files live under {@code org/smartcustoms/tariff/demo/} on the classpath.
 */
public final class DemoTariff {
    public static final String NATIONAL_CURRENCY = "EUR";
    private static final String BASE = "demo/";

    private DemoTariff() { }

    public static TariffData load() {
        NomenclatureLoader loader = new NomenclatureLoader();
        read("sections.csv", r -> loader.sections(r, "demo/sections.csv"));
        read("nomenclature.csv", r -> loader.codes(r, "demo/nomenclature.csv"));
        TariffSchedule schedule = read("tariff.csv", r -> TariffSchedule.parse(r, "demo/tariff.csv"));
        ExchangeRateTable fx = read("exchange-rates.csv", r -> ExchangeRateTable.parse(r, "demo/exchange-rates.csv", NATIONAL_CURRENCY));
        return new TariffData(loader.build(), schedule, fx, AssessmentPolicy.defaults());
    }

    private static <T> T read(String name, Function<Reader, T> f) {
        try (InputStream in = DemoTariff.class.getResourceAsStream(BASE + name)) {
            if (in == null) throw new IllegalStateException("demo tariff resource missing: " + BASE + name);
            return f.apply(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
