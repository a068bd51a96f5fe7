package org.smartcustoms.tariff;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link Nomenclature} from CSV sources, all-or-nothing. Accepted formats:
 * <ul>
 *   <li>HS file ({@code section,hscode,description,parent,level}, the WCO/UN HS 2022 export; the
 *       {@code TOTAL} row is skipped, chapters hang under their section);</li>
 *   <li>sections file ({@code section,name});</li>
 *   <li>generic file ({@code code,description[,parent][,valid_from][,valid_to][,section]}), used for
 *       national tariff lines (8/10 digits) and effective-dated changes; a blank parent is inferred as the
 *       longest listed prefix.</li>
 * </ul>
 * Usage: {@code new NomenclatureLoader().sections(r1, "sections.csv").harmonizedSystem(r2, "hs.csv").build()}.
 */
public final class NomenclatureLoader {
    private record Raw(String source, int line, String code, String description, String parent, String section,
                       LocalDate validFrom, LocalDate validTo) { }

    private final Map<String, String> sectionNames = new LinkedHashMap<>();
    private final List<Raw> raws = new ArrayList<>();

    /** Convenience: the shared HS file plus (optionally, may be null) the sections file. */
    public static Nomenclature loadHarmonizedSystem(Path hsCsv, Path sectionsCsv) {
        NomenclatureLoader l = new NomenclatureLoader();
        try {
            if (sectionsCsv != null) {
                try (Reader r = Files.newBufferedReader(sectionsCsv, StandardCharsets.UTF_8)) {
                    l.sections(r, sectionsCsv.getFileName().toString());
                }
            }
            try (Reader r = Files.newBufferedReader(hsCsv, StandardCharsets.UTF_8)) {
                l.harmonizedSystem(r, hsCsv.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return l.build();
    }

    public NomenclatureLoader sections(Reader reader, String source) {
        Csv.Table t = Csv.read(reader, source, Set.of("section", "name"));
        List<String> errors = new ArrayList<>(t.errors());
        for (Csv.Row row : t.rows()) {
            String s = row.get("section").toUpperCase(Locale.ROOT);
            if (!s.matches("[IVXL]+")) errors.add("line " + row.line() + ": section must be a roman numeral, got '" + s + "'");
            else sectionNames.put(s, row.get("name"));
        }
        if (!errors.isEmpty()) throw new TariffDataException(source, errors);
        return this;
    }

    public NomenclatureLoader harmonizedSystem(Reader reader, String source) {
        Csv.Table t = Csv.read(reader, source, Set.of("section", "hscode", "description", "parent", "level"));
        List<String> errors = new ArrayList<>(t.errors());
        List<Raw> ok = new ArrayList<>();
        for (Csv.Row row : t.rows()) {
            String code = row.get("hscode");
            if (code.equalsIgnoreCase("TOTAL")) continue;
            String where = "line " + row.line() + ": ";
            if (!Nomenclature.isDigits(code) || !(code.length() == 2 || code.length() == 4 || code.length() == 6)) {
                errors.add(where + "hscode must have 2, 4 or 6 digits, got '" + code + "'");
                continue;
            }
            if (!row.get("level").equals(String.valueOf(code.length()))) {
                errors.add(where + "level '" + row.get("level") + "' does not match code " + code);
            }
            String section = row.get("section").toUpperCase(Locale.ROOT);
            if (section.equals("TOTAL")) section = null; // chapter 99 "not specified according to kind" has no section
            else if (!section.matches("[IVXL]+")) errors.add(where + "section must be a roman numeral, got '" + section + "'");
            String parent = row.get("parent");
            if (code.length() == 2) parent = null;
            else if (!code.startsWith(parent) || parent.length() != code.length() - 2) {
                errors.add(where + "parent '" + parent + "' is not the code's direct ancestor");
            }
            ok.add(new Raw(source, row.line(), code, row.get("description"), parent, section, null, null));
        }
        if (!errors.isEmpty()) throw new TariffDataException(source, errors);
        raws.addAll(ok);
        return this;
    }

    public NomenclatureLoader codes(Reader reader, String source) {
        Csv.Table t = Csv.read(reader, source, Set.of("code", "description"));
        List<String> errors = new ArrayList<>(t.errors());
        List<Raw> ok = new ArrayList<>();
        for (Csv.Row row : t.rows()) {
            String where = "line " + row.line() + ": ";
            String code = Nomenclature.normalize(row.get("code"));
            if (!Nomenclature.isDigits(code) || code.length() % 2 != 0 || code.length() > 10) {
                errors.add(where + "code must have 2, 4, 6, 8 or 10 digits, got '" + row.get("code") + "'");
                continue;
            }
            String parent = Nomenclature.normalize(row.get("parent"));
            if (!parent.isEmpty() && (!code.startsWith(parent) || parent.length() >= code.length())) {
                errors.add(where + "parent '" + parent + "' is not a prefix of " + code);
            }
            String section = row.get("section").toUpperCase(Locale.ROOT);
            if (!section.isEmpty() && !section.matches("[IVXL]+")) {
                errors.add(where + "section must be a roman numeral, got '" + section + "'");
            }
            LocalDate from = null;
            LocalDate to = null;
            try {
                from = row.get("valid_from").isEmpty() ? null : LocalDate.parse(row.get("valid_from"));
                to = row.get("valid_to").isEmpty() ? null : LocalDate.parse(row.get("valid_to"));
            } catch (DateTimeParseException e) {
                errors.add(where + "dates must be ISO yyyy-mm-dd: " + e.getParsedString());
            }
            if (from != null && to != null && to.isBefore(from)) errors.add(where + "valid_to before valid_from");
            if (row.get("description").isEmpty()) errors.add(where + "description is empty");
            ok.add(new Raw(source, row.line(), code, row.get("description"), parent.isEmpty() ? null : parent,
                    section.isEmpty() ? null : section, from, to));
        }
        if (!errors.isEmpty()) throw new TariffDataException(source, errors);
        raws.addAll(ok);
        return this;
    }

    /** Cross-checks all sources (parents exist, no overlapping versions of a code) and builds the snapshot. */
    public Nomenclature build() {
        List<String> errors = new ArrayList<>();
        Map<String, List<Raw>> byCode = new HashMap<>();
        for (Raw r : raws) byCode.computeIfAbsent(r.code(), k -> new ArrayList<>()).add(r);
        for (List<Raw> vs : byCode.values()) {
            for (int i = 0; i < vs.size(); i++) {
                for (int j = i + 1; j < vs.size(); j++) {
                    Raw a = vs.get(i);
                    Raw b = vs.get(j);
                    if (overlap(a.validFrom(), a.validTo(), b.validFrom(), b.validTo())) {
                        errors.add(b.source() + " line " + b.line() + ": code " + b.code()
                                + " overlaps the validity of " + a.source() + " line " + a.line());
                    }
                }
            }
        }
        List<CommodityCode> out = new ArrayList<>();
        Map<String, String> sectionOfChapter = new HashMap<>();
        for (Raw r : raws) if (r.code().length() == 2 && r.section() != null) sectionOfChapter.put(r.code(), r.section());
        Set<String> usedSections = new java.util.TreeSet<>(sectionNames.keySet());
        for (Raw r : raws) {
            String parent = r.parent();
            if (r.code().length() > 2) {
                if (parent == null) {
                    for (int len = r.code().length() - 2; len >= 2 && parent == null; len -= 2) {
                        if (byCode.containsKey(r.code().substring(0, len))) parent = r.code().substring(0, len);
                    }
                    if (parent == null) {
                        errors.add(r.source() + " line " + r.line() + ": no ancestor of " + r.code() + " is loaded");
                        continue;
                    }
                } else if (!byCode.containsKey(parent)) {
                    errors.add(r.source() + " line " + r.line() + ": parent " + parent + " of " + r.code() + " is not loaded");
                    continue;
                }
            }
            String section = r.section() != null ? r.section() : sectionOfChapter.get(r.code().substring(0, 2));
            if (r.code().length() == 2) parent = section;
            if (section != null) usedSections.add(section);
            out.add(new CommodityCode(r.code(), CommodityCode.levelOf(r.code()), r.description(), parent, section,
                    r.validFrom(), r.validTo()));
        }
        if (!errors.isEmpty()) throw new TariffDataException("nomenclature", errors);
        for (String s : usedSections) {
            out.add(new CommodityCode(s, CommodityCode.Level.SECTION, sectionNames.getOrDefault(s, "Section " + s),
                    null, s, null, null));
        }
        return new Nomenclature(out);
    }

    static boolean overlap(LocalDate aFrom, LocalDate aTo, LocalDate bFrom, LocalDate bTo) {
        LocalDate af = aFrom == null ? LocalDate.MIN : aFrom;
        LocalDate at = aTo == null ? LocalDate.MAX : aTo;
        LocalDate bf = bFrom == null ? LocalDate.MIN : bFrom;
        LocalDate bt = bTo == null ? LocalDate.MAX : bTo;
        return !af.isAfter(bt) && !bf.isAfter(at);
    }
}
