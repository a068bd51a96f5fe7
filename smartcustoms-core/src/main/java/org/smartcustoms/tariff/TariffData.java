package org.smartcustoms.tariff;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One consistent set of tariff data (nomenclature, schedule, exchange rates, policy), the unit the server
 * loads at start or swaps in atomically after an admin upload.
 */
public record TariffData(Nomenclature nomenclature, TariffSchedule schedule, ExchangeRateTable exchangeRates,
                         AssessmentPolicy policy) {
    public TariffData {
        Objects.requireNonNull(nomenclature, "nomenclature");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(exchangeRates, "exchangeRates");
        Objects.requireNonNull(policy, "policy");
    }

    /**
     * Loads a full tariff from files, e.g. at server start: the HS file (plus optional sections file, may be
     * null), any national-line files in the generic format, the rate file and the exchange-rate file.
     */
    public static TariffData fromFiles(Path hsCsv, Path sectionsCsv, List<Path> nationalLineCsvs, Path ratesCsv,
                                       Path exchangeRatesCsv, String nationalCurrency, AssessmentPolicy policy) {
        NomenclatureLoader loader = new NomenclatureLoader();
        try {
            if (sectionsCsv != null) {
                try (Reader r = Files.newBufferedReader(sectionsCsv, StandardCharsets.UTF_8)) {
                    loader.sections(r, sectionsCsv.getFileName().toString());
                }
            }
            try (Reader r = Files.newBufferedReader(hsCsv, StandardCharsets.UTF_8)) {
                loader.harmonizedSystem(r, hsCsv.getFileName().toString());
            }
            for (Path p : nationalLineCsvs) {
                try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                    loader.codes(r, p.getFileName().toString());
                }
            }
            TariffSchedule schedule;
            try (Reader r = Files.newBufferedReader(ratesCsv, StandardCharsets.UTF_8)) {
                schedule = TariffSchedule.parse(r, ratesCsv.getFileName().toString());
            }
            ExchangeRateTable fx;
            try (Reader r = Files.newBufferedReader(exchangeRatesCsv, StandardCharsets.UTF_8)) {
                fx = ExchangeRateTable.parse(r, exchangeRatesCsv.getFileName().toString(), nationalCurrency);
            }
            return new TariffData(loader.build(), schedule, fx, policy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Assessor assessor() {
        return new Assessor(nomenclature, schedule, exchangeRates, policy);
    }
}
