package org.smartcustoms.server.tariff;

import java.io.Reader;
import java.io.StringReader;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.smartcustoms.tariff.Assessor;
import org.smartcustoms.tariff.DemoTariff;
import org.smartcustoms.tariff.ExchangeRateTable;
import org.smartcustoms.tariff.Nomenclature;
import org.smartcustoms.tariff.NomenclatureLoader;
import org.smartcustoms.tariff.TariffData;
import org.smartcustoms.tariff.TariffSchedule;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tariff in force. Built from the newest imported file of each kind, falling back to the built-in demo
 * tariff for kinds never imported. An import is validated by building the complete new tariff first; only
 * then is the file stored and the tariff swapped atomically, so a bad file changes nothing.
 */
@Service
public class TariffService {
    private final TariffStore store;
    private final Clock clock;
    private final AtomicReference<Loaded> current = new AtomicReference<>();

    /** The tariff in force and whether its nomenclature is a full imported one (used to reject unknown codes at intake). */
    public record Loaded(TariffData data, boolean importedNomenclature, Map<TariffFileKind, String> sources) { }

    /** Summary of an import. */
    public record ImportResult(TariffFileKind kind, String name, int lines, int nomenclatureCodes, int rates) { }

    public TariffService(TariffStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        current.set(build(storedFiles()));
    }

    public TariffData data() { return current.get().data(); }

    public Assessor assessor() { return data().assessor(); }

    public Nomenclature nomenclature() { return data().nomenclature(); }

    public boolean hasImportedNomenclature() { return current.get().importedNomenclature(); }

    public Map<TariffFileKind, String> sources() { return current.get().sources(); }

    /** Validates the file together with the rest of the tariff, stores it and puts the new tariff in force. */
    @Transactional
    public ImportResult importFile(TariffFileKind kind, String name, String content, String actor) {
        if (content == null || content.isBlank()) throw new IllegalArgumentException("the " + kind + " file is empty");
        Map<TariffFileKind, StoredFile> files = storedFiles();
        files.put(kind, new StoredFile(name, content));
        Loaded next = build(files); // throws TariffDataException with line numbers, storing nothing
        store.insertFile(kind, name, content, clock.instant(), actor);
        current.set(next);
        return new ImportResult(kind, name, (int) content.lines().count(), next.data().nomenclature().size(),
                next.data().schedule().rates().size());
    }

    record StoredFile(String name, String content) { }

    private Map<TariffFileKind, StoredFile> storedFiles() {
        Map<TariffFileKind, StoredFile> files = new EnumMap<>(TariffFileKind.class);
        store.files(f -> files.put(f.kind(), new StoredFile(f.name(), f.content())));
        return files;
    }

    private static Loaded build(Map<TariffFileKind, StoredFile> files) {
        Map<TariffFileKind, String> sources = new EnumMap<>(TariffFileKind.class);
        NomenclatureLoader loader = new NomenclatureLoader();
        boolean importedNomenclature = files.containsKey(TariffFileKind.HS) || files.containsKey(TariffFileKind.NOMENCLATURE);
        if (importedNomenclature) {
            if (files.containsKey(TariffFileKind.SECTIONS)) {
                loader.sections(reader(files.get(TariffFileKind.SECTIONS)), name(files, TariffFileKind.SECTIONS, sources));
            }
            if (files.containsKey(TariffFileKind.HS)) {
                loader.harmonizedSystem(reader(files.get(TariffFileKind.HS)), name(files, TariffFileKind.HS, sources));
            }
            if (files.containsKey(TariffFileKind.NOMENCLATURE)) {
                loader.codes(reader(files.get(TariffFileKind.NOMENCLATURE)), name(files, TariffFileKind.NOMENCLATURE, sources));
            }
        } else {
            DemoTariff.loadNomenclature(loader);
            sources.put(TariffFileKind.NOMENCLATURE, "built-in HS 2022 nomenclature");
        }
        TariffSchedule schedule = files.containsKey(TariffFileKind.RATES)
                ? TariffSchedule.parse(reader(files.get(TariffFileKind.RATES)), name(files, TariffFileKind.RATES, sources))
                : TariffSchedule.parse(DemoTariff.rates(), "built-in demo tariff");
        sources.putIfAbsent(TariffFileKind.RATES, "built-in demo tariff");
        ExchangeRateTable fx = files.containsKey(TariffFileKind.EXCHANGE_RATES)
                ? ExchangeRateTable.parse(reader(files.get(TariffFileKind.EXCHANGE_RATES)),
                        name(files, TariffFileKind.EXCHANGE_RATES, sources), DemoTariff.NATIONAL_CURRENCY)
                : ExchangeRateTable.parse(DemoTariff.exchangeRates(), "built-in demo exchange rates", DemoTariff.NATIONAL_CURRENCY);
        sources.putIfAbsent(TariffFileKind.EXCHANGE_RATES, "built-in demo exchange rates");
        return new Loaded(new TariffData(loader.build(), schedule, fx, DemoTariff.POLICY), importedNomenclature, sources);
    }

    private static String name(Map<TariffFileKind, StoredFile> files, TariffFileKind kind, Map<TariffFileKind, String> sources) {
        String n = files.get(kind).name();
        sources.put(kind, n);
        return n;
    }

    private static Reader reader(StoredFile f) {
        return new StringReader(f.content());
    }


}
