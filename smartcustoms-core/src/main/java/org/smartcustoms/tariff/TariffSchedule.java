package org.smartcustoms.tariff;

import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Immutable, effective-dated tariff schedule: MFN duty, preferential duty, VAT and excise rates keyed by HS
 * prefix, the most specific prefix winning. Loaded all-or-nothing from the rate CSV described in
 * {@code docs/tariff.md} via {@link #parse(Reader, String)}; a file with any error is rejected whole.
 */
public final class TariffSchedule {
    static final Set<String> COLUMNS = Set.of("kind", "hs_prefix", "regime", "agreement", "origins", "rate",
            "valid_from", "valid_to", "proof", "note");

    private final List<TariffRate> rates;
    /** kind -> hs prefix -> rates with that exact prefix, so a look-up is at most 11 map probes. */
    private final Map<TariffRate.Kind, Map<String, List<TariffRate>>> byPrefix;

    /** De minimis lines by charge and exact prefix (kept apart from the rates: they are thresholds, not rates). */
    private final List<DeMinimis> deMinimis;
    private final Map<DeMinimis.Charge, Map<String, List<DeMinimis>>> deMinimisByPrefix;

    private TariffSchedule(List<TariffRate> rates) {
        this(rates, List.of());
    }

    private TariffSchedule(List<TariffRate> rates, List<DeMinimis> deMinimis) {
        this.rates = List.copyOf(rates);
        this.deMinimis = List.copyOf(deMinimis);
        Map<DeMinimis.Charge, Map<String, List<DeMinimis>>> dm = new java.util.EnumMap<>(DeMinimis.Charge.class);
        for (DeMinimis d : this.deMinimis) {
            dm.computeIfAbsent(d.charge(), k -> new HashMap<>()).computeIfAbsent(d.hsPrefix(), k -> new ArrayList<>()).add(d);
        }
        this.deMinimisByPrefix = dm;
        Map<TariffRate.Kind, Map<String, List<TariffRate>>> m = new java.util.EnumMap<>(TariffRate.Kind.class);
        for (TariffRate r : this.rates) {
            m.computeIfAbsent(r.kind(), k -> new HashMap<>()).computeIfAbsent(r.hsPrefix(), k -> new ArrayList<>()).add(r);
        }
        this.byPrefix = m;
    }

    /** Validates that no two rates of the same kind/prefix/agreement/origin overlap in time. */
    public static TariffSchedule of(Collection<TariffRate> rates) {
        List<String> errors = overlaps(List.copyOf(rates));
        if (!errors.isEmpty()) throw new TariffDataException("tariff schedule", errors);
        return new TariffSchedule(List.copyOf(rates));
    }

    public static TariffSchedule empty() { return new TariffSchedule(List.of()); }

    public List<TariffRate> rates() { return rates; }

    /** The de minimis lines of the schedule (rate-file kind {@code DE_MINIMIS}). */
    public List<DeMinimis> deMinimis() { return deMinimis; }

    /**
     * The de minimis line for the charge with the longest prefix covering the code on the date; empty when the
     * tariff grants no relief for it. A {@code none} line (no threshold) that is the most specific means "excluded".
     */
    public Optional<DeMinimis> deMinimis(DeMinimis.Charge charge, String code, LocalDate date) {
        Map<String, List<DeMinimis>> m = deMinimisByPrefix.getOrDefault(charge, Map.of());
        for (int len = Math.min(code.length(), 10); len >= 0; len--) {
            for (DeMinimis d : m.getOrDefault(code.substring(0, len), List.of())) {
                if (d.validOn(date)) return d.grantsRelief() ? Optional.of(d) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Agreement codes that appear in the schedule. */
    public Set<String> agreements() {
        Set<String> out = new TreeSet<>();
        for (TariffRate r : rates) if (r.agreement() != null) out.add(r.agreement());
        return out;
    }

    /** The MFN, VAT or excise rate with the longest prefix covering the code on the date. */
    Optional<TariffRate> mostSpecific(TariffRate.Kind kind, String code, LocalDate date) {
        for (TariffRate r : covering(kind, code)) {
            if (r.validOn(date)) return Optional.of(r);
        }
        return Optional.empty();
    }

    private record Covering(TariffRate.Kind kind, String code) { }
    /** {@link #covering}'s answers (at most 100,000; codes are few, a bound all the same). */
    private final Memo<Covering, List<TariffRate>> covering = new Memo<>(100_000);

    /**
     * The rates of a kind whose prefix covers the code, the longest prefix first (in file order within a prefix): what
     * the look-ups walk for any date, worked out once per code (the schedule is immutable).
     */
    private List<TariffRate> covering(TariffRate.Kind kind, String code) {
        return covering.get(new Covering(kind, code), k -> {
            Map<String, List<TariffRate>> m = byPrefix.getOrDefault(k.kind(), Map.of());
            List<TariffRate> all = new ArrayList<>(4);
            for (int len = Math.min(k.code().length(), 10); len >= 0; len--) all.addAll(m.getOrDefault(k.code().substring(0, len), List.of()));
            return List.copyOf(all);
        });
    }

    /**
     * For each agreement (or only {@code agreement} if non-null) covering the origin, its most specific
     * preferential rate for the code on the date.
     */
    List<TariffRate> preferences(String code, String origin, String agreement, LocalDate date) {
        if (origin == null) return List.of();
        Map<String, TariffRate> best = null;
        for (TariffRate r : covering(TariffRate.Kind.PREF, code)) {
            if (!r.validOn(date) || !r.origins().contains(origin)) continue;
            if (agreement != null && !agreement.equalsIgnoreCase(r.agreement())) continue;
            if (best == null) best = new HashMap<>();
            best.putIfAbsent(r.agreement(), r);
        }
        return best == null ? List.of() : best.values().stream().sorted(Comparator.comparing(TariffRate::agreement)).toList();
    }

    /**
     * Parses the rate CSV (header {@code kind,hs_prefix,regime,agreement,origins,rate,valid_from,valid_to,proof,note}).
     * Every line is checked; if any is wrong the whole file is rejected with a {@link TariffDataException}
     * listing {@code "line N: message"} for each problem.
     */
    public static TariffSchedule parse(Reader reader, String source) {
        Csv.Table t = Csv.read(reader, source, COLUMNS);
        List<String> errors = new ArrayList<>(t.errors());
        List<TariffRate> out = new ArrayList<>();
        List<DeMinimis> deMinimis = new ArrayList<>();
        for (Csv.Row row : t.rows()) {
            if (DE_MINIMIS.equalsIgnoreCase(row.get("kind"))) {
                parseDeMinimis(row, deMinimis, errors);
                continue;
            }
            List<String> lineErrors = new ArrayList<>();
            TariffRate.Kind kind = null;
            try {
                kind = TariffRate.Kind.valueOf(row.get("kind").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                lineErrors.add("kind must be one of MFN, PREF, VAT, EXCISE, DE_MINIMIS, got '" + row.get("kind") + "'");
            }
            List<String> prefixes = prefixes(row, lineErrors);
            String agreement = row.get("agreement").toUpperCase(Locale.ROOT);
            Set<String> origins = new LinkedHashSet<>();
            if (!row.get("origins").isEmpty()) {
                for (String o : row.get("origins").toUpperCase(Locale.ROOT).split("[\\s;|]+")) {
                    if (!o.matches("[A-Z]{2}")) lineErrors.add("origin must be an ISO 3166 alpha-2 code, got '" + o + "'");
                    origins.add(o);
                }
            }
            boolean proofRequired = true;
            String proof = row.get("proof").toLowerCase(Locale.ROOT);
            if (kind == TariffRate.Kind.PREF) {
                if (agreement.isEmpty()) lineErrors.add("a PREF rate needs an agreement code");
                if (origins.isEmpty()) lineErrors.add("a PREF rate needs origins");
                switch (proof) {
                    case "", "required" -> proofRequired = true;
                    case "none" -> proofRequired = false;
                    default -> lineErrors.add("proof must be 'required' or 'none', got '" + proof + "'");
                }
            } else if (kind != null) {
                if (!agreement.isEmpty()) lineErrors.add("agreement is only for PREF rates");
                if (!origins.isEmpty()) lineErrors.add("origins are only for PREF rates");
                if (!proof.isEmpty()) lineErrors.add("proof is only for PREF rates");
                proofRequired = false;
            }
            RateExpression rate = null;
            try {
                rate = RateExpression.parse(row.get("rate"));
                if ((kind == TariffRate.Kind.VAT) && !(rate instanceof RateExpression.AdValorem || rate instanceof RateExpression.Free)) {
                    lineErrors.add("a VAT rate must be a percentage or free, got '" + rate.text() + "'");
                }
            } catch (IllegalArgumentException e) {
                lineErrors.add(e.getMessage());
            }
            Validity validity = validity(row, lineErrors);
            LocalDate from = validity.from();
            LocalDate to = validity.to();
            if (lineErrors.isEmpty()) {
                for (String p : prefixes) {
                    out.add(new TariffRate(row.line(), kind, p, row.get("regime").toUpperCase(Locale.ROOT),
                            agreement.isEmpty() ? null : agreement, origins, rate, proofRequired, from, to, row.get("note")));
                }
            } else {
                for (String e : lineErrors) errors.add("line " + row.line() + ": " + e);
            }
        }
        if (errors.isEmpty()) {
            errors.addAll(overlaps(out));
            errors.addAll(deMinimisOverlaps(deMinimis));
            errors.sort(Comparator.comparingInt(TariffSchedule::lineOf));
        }
        if (!errors.isEmpty()) throw new TariffDataException(source, errors);
        return new TariffSchedule(out, deMinimis);
    }

    /** The rate-file kind of de minimis lines (see {@link DeMinimis}). */
    static final String DE_MINIMIS = "DE_MINIMIS";

    /** A DE_MINIMIS line: regime DUTY or VAT, rate {@code AMOUNT CUR} or {@code none}, no agreement/origins/proof. */
    private static void parseDeMinimis(Csv.Row row, List<DeMinimis> out, List<String> errors) {
        List<String> lineErrors = new ArrayList<>();
        DeMinimis.Charge charge = null;
        try {
            charge = DeMinimis.Charge.parse(row.get("regime"));
        } catch (IllegalArgumentException e) {
            lineErrors.add(e.getMessage());
        }
        List<String> prefixes = prefixes(row, lineErrors);
        if (!row.get("agreement").isEmpty() || !row.get("origins").isEmpty() || !row.get("proof").isEmpty()) {
            lineErrors.add("agreement, origins and proof are not used on DE_MINIMIS lines");
        }
        org.smartcustoms.declaration.Money threshold = null;
        try {
            threshold = DeMinimis.parseThreshold(row.get("rate"));
        } catch (IllegalArgumentException e) {
            lineErrors.add(e.getMessage());
        }
        Validity validity = validity(row, lineErrors);
        LocalDate from = validity.from();
        LocalDate to = validity.to();
        if (lineErrors.isEmpty()) {
            for (String p : prefixes) out.add(new DeMinimis(row.line(), charge, p, threshold, from, to, row.get("note")));
        } else {
            for (String e : lineErrors) errors.add("line " + row.line() + ": " + e);
        }
    }

    private static List<String> deMinimisOverlaps(List<DeMinimis> lines) {
        Map<String, List<DeMinimis>> groups = new HashMap<>();
        for (DeMinimis d : lines) groups.computeIfAbsent(d.charge() + "|" + d.hsPrefix(), k -> new ArrayList<>()).add(d);
        List<String> errors = new ArrayList<>();
        for (List<DeMinimis> g : groups.values()) {
            for (int i = 0; i < g.size(); i++) {
                for (int j = i + 1; j < g.size(); j++) {
                    DeMinimis a = g.get(i);
                    DeMinimis b = g.get(j);
                    if (NomenclatureLoader.overlap(a.validFrom(), a.validTo(), b.validFrom(), b.validTo())) {
                        errors.add("line " + b.line() + ": DE_MINIMIS " + b.charge() + " line for prefix '" + b.hsPrefix()
                                + "' overlaps the one on line " + a.line() + " in time");
                    }
                }
            }
        }
        return errors;
    }

    private static List<String> overlaps(List<TariffRate> rates) {
        Map<String, List<TariffRate>> groups = new HashMap<>();
        for (TariffRate r : rates) {
            groups.computeIfAbsent(r.kind() + "|" + r.hsPrefix() + "|" + r.agreement(), k -> new ArrayList<>()).add(r);
        }
        List<String> errors = new ArrayList<>();
        for (List<TariffRate> g : groups.values()) {
            for (int i = 0; i < g.size(); i++) {
                for (int j = i + 1; j < g.size(); j++) {
                    TariffRate a = g.get(i);
                    TariffRate b = g.get(j);
                    boolean originsMeet = a.kind() != TariffRate.Kind.PREF
                            || a.origins().stream().anyMatch(b.origins()::contains);
                    if (originsMeet && NomenclatureLoader.overlap(a.validFrom(), a.validTo(), b.validFrom(), b.validTo())) {
                        errors.add("line " + b.line() + ": " + b.kind() + " rate for prefix '" + b.hsPrefix() + "'"
                                + (b.agreement() == null ? "" : " under " + b.agreement())
                                + " overlaps the one on line " + a.line() + " in time");
                    }
                }
            }
        }
        errors.sort(Comparator.comparingInt(TariffSchedule::lineOf));
        return errors;
    }

    private static int lineOf(String error) {
        try {
            return Integer.parseInt(error.substring(5, error.indexOf(':')));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** A line's HS prefixes (one empty prefix = every code), normalised; malformed ones are added to the errors. */
    private static List<String> prefixes(Csv.Row row, List<String> lineErrors) {
        List<String> prefixes = row.get("hs_prefix").isEmpty() ? List.of("")
                : Arrays.stream(row.get("hs_prefix").split("[\\s;|]+")).map(Nomenclature::normalize).toList();
        for (String p : prefixes) {
            if (!p.isEmpty() && (!Nomenclature.isDigits(p) || p.length() > 10)) {
                lineErrors.add("hs_prefix must be up to 10 digits, got '" + p + "'");
            }
        }
        return prefixes;
    }

    /** A line's validity period (from inclusive, to inclusive or open); null dates when invalid, with the errors added. */
    private record Validity(LocalDate from, LocalDate to) { }

    private static Validity validity(Csv.Row row, List<String> lineErrors) {
        LocalDate from = null;
        LocalDate to = null;
        try {
            if (row.get("valid_from").isEmpty()) lineErrors.add("valid_from is required");
            else from = LocalDate.parse(row.get("valid_from"));
            if (!row.get("valid_to").isEmpty()) to = LocalDate.parse(row.get("valid_to"));
        } catch (DateTimeParseException e) {
            lineErrors.add("dates must be ISO yyyy-mm-dd, got '" + e.getParsedString() + "'");
        }
        if (from != null && to != null && to.isBefore(from)) lineErrors.add("valid_to " + to + " is before valid_from " + from);
        return new Validity(from, to);
    }
}
