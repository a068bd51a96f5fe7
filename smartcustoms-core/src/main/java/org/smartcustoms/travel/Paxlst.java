package org.smartcustoms.travel;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads advance passenger lists. UN/EDIFACT PAXLST (the subset airlines send for passengers: UNA service string
 * advice, UNB/UNH envelope, {@code TDT+20} flight, {@code DTM+232} scheduled arrival, per passenger {@code NAD+FL}
 * names, {@code ATT+2} sex, {@code DTM+329} birth date, {@code NAT+2} nationality, {@code DOC} travel document);
 * CSV with a header {@code surname,given_names,birth_date,nationality,document_number,sex}; JSON
 * {@code {"flight","arrivalDate","passengers":[{"surname","givenNames","birthDate","nationality","documentNumber","sex"}]}}.
 * All problems are reported together; a list with any problem is refused whole.
 */
public final class Paxlst {
    public static final int MAX_PASSENGERS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Paxlst() { }

    /** Detects the format: EDIFACT when the text starts with UNA or UNB, JSON with '{', CSV otherwise. */
    public static PassengerList read(String text, String flight, LocalDate arrival) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) throw new PaxlstFormatException(List.of("the passenger list is empty"));
        if (t.startsWith("UNA") || t.startsWith("UNB") || t.startsWith("UNH")) return edifact(t, flight, arrival);
        if (t.startsWith("{")) return json(t, flight, arrival);
        return csv(t, flight, arrival);
    }

    public static PassengerList edifact(String text, String expectedFlight, LocalDate arrival) {
        char comp = ':';
        char elem = '+';
        char release = '?';
        char term = '\'';
        String t = text.strip();
        if (t.startsWith("UNA")) {
            if (t.length() < 9) throw new PaxlstFormatException(List.of("UNA service string advice is truncated"));
            comp = t.charAt(3);
            elem = t.charAt(4);
            release = t.charAt(6);
            term = t.charAt(8);
            t = t.substring(9);
        }
        List<List<List<String>>> segments = split(t, comp, elem, release, term);
        List<String> errors = new ArrayList<>();
        String flight = null;
        String departure = null;
        LocalDate arrivalDate = null;
        boolean unh = false;
        boolean unt = false;
        List<Passenger> out = new ArrayList<>();
        PaxBuilder p = null;
        int n = 0;
        for (List<List<String>> seg : segments) {
            n++;
            String tag = el(seg, 0, 0);
            switch (tag) {
                case "UNB", "UNZ", "BGM", "CNT", "COM", "GEI", "FTX", "EMP", "NAT" -> {
                    if (tag.equals("NAT") && p != null) p.nationality = el(seg, 2, 0);
                }
                case "LOC" -> {
                    String q = el(seg, 1, 0);
                    String place = el(seg, 2, 0);
                    if (p == null && q.equals("125")) departure = place;
                    else if (p != null && q.equals("178")) p.departure = place;
                    else if (p != null && q.equals("91")) p.documentCountry = place;
                }
                case "RFF" -> {
                    if (p != null && el(seg, 1, 0).equals("AVF")) p.booking = el(seg, 1, 1);
                }
                case "UNH" -> {
                    unh = true;
                    if (!el(seg, 2, 0).equals("PAXLST")) errors.add("segment " + n + ": UNH message type must be PAXLST");
                }
                case "UNT" -> unt = true;
                case "TDT" -> {
                    if (el(seg, 1, 0).equals("20")) flight = el(seg, 2, 0);
                }
                case "DTM" -> {
                    String q = el(seg, 1, 0);
                    String v = el(seg, 1, 1);
                    if (q.equals("232") && p == null) arrivalDate = date(v, n, "arrival", errors);
                    else if (q.equals("329") && p != null) p.birth = date(v, n, "birth", errors);
                }
                case "NAD" -> {
                    if (p != null) p.finish(out, errors);
                    p = null;
                    if (el(seg, 1, 0).equals("FL")) {
                        p = new PaxBuilder(n);
                        p.flightDeparture = departure;
                        p.surname = el(seg, 4, 0);
                        List<String> given = new ArrayList<>();
                        for (int i = 1; i < (seg.size() > 4 ? seg.get(4).size() : 0); i++) if (!seg.get(4).get(i).isBlank()) given.add(seg.get(4).get(i));
                        p.given = String.join(" ", given);
                    }
                }
                case "ATT" -> {
                    if (p != null && el(seg, 1, 0).equals("2")) p.sex = el(seg, 3, 0);
                }
                case "DOC" -> {
                    if (p != null) p.document = el(seg, 2, 0);
                }
                default -> errors.add("segment " + n + ": unknown segment tag '" + limit(tag) + "'");
            }
            if (errors.size() > 50) break;
        }
        if (p != null) p.finish(out, errors);
        if (!unh) errors.add("no UNH message header: not a PAXLST message");
        if (unh && !unt) errors.add("no UNT message trailer: the message is truncated");
        if (flight == null) errors.add("no TDT+20 segment with the flight number");
        String f = checkFlight(flight, expectedFlight, errors);
        LocalDate date = arrivalDate != null ? arrivalDate : arrival;
        if (date == null) errors.add("no arrival date (DTM+232) and none given");
        return finish(f, date, out, errors);
    }

    public static PassengerList csv(String text, String flight, LocalDate arrival) {
        List<String> errors = new ArrayList<>();
        List<Passenger> out = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get()
                .parse(new StringReader(text))) {
            for (String col : List.of("surname", "birth_date", "nationality")) {
                if (!parser.getHeaderMap().containsKey(col)) errors.add("header: column '" + col + "' is missing");
            }
            if (errors.isEmpty()) {
                for (CSVRecord r : parser) {
                    long line = r.getRecordNumber() + 1;
                    try {
                        out.add(new Passenger(get(r, "surname"), get(r, "given_names"), LocalDate.parse(get(r, "birth_date")),
                                get(r, "nationality"), get(r, "document_number"), get(r, "sex"), get(r, "departure"),
                                get(r, "document_country"), get(r, "booking")));
                    } catch (DateTimeParseException e) {
                        errors.add("line " + line + ": birth_date must be yyyy-mm-dd");
                    } catch (IllegalArgumentException | NullPointerException e) {
                        errors.add("line " + line + ": " + e.getMessage());
                    }
                    if (out.size() + errors.size() > MAX_PASSENGERS) break;
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            errors.add("the CSV cannot be read: " + limit(String.valueOf(e.getMessage())));
        }
        String f = checkFlight(flight, null, errors);
        if (arrival == null) errors.add("the arrival date is required (?date=yyyy-mm-dd)");
        return finish(f, arrival, out, errors);
    }

    public static PassengerList json(String text, String expectedFlight, LocalDate arrival) {
        List<String> errors = new ArrayList<>();
        List<Passenger> out = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new PaxlstFormatException(List.of("the JSON cannot be read"));
        }
        if (root == null || !root.isObject()) throw new PaxlstFormatException(List.of("the JSON must be an object"));
        String flight = root.path("flight").isTextual() ? root.get("flight").asText() : expectedFlight;
        LocalDate date = arrival;
        if (root.path("arrivalDate").isTextual()) {
            try {
                date = LocalDate.parse(root.get("arrivalDate").asText());
            } catch (DateTimeParseException e) {
                errors.add("arrivalDate must be yyyy-mm-dd");
            }
        }
        JsonNode list = root.path("passengers");
        if (!list.isArray()) errors.add("passengers must be an array");
        else {
            int i = 0;
            for (JsonNode p : list) {
                i++;
                try {
                    out.add(new Passenger(text(p, "surname"), text(p, "givenNames"), LocalDate.parse(String.valueOf(text(p, "birthDate"))),
                            text(p, "nationality"), text(p, "documentNumber"), text(p, "sex"), text(p, "departure"),
                            text(p, "documentCountry"), text(p, "booking")));
                } catch (DateTimeParseException e) {
                    errors.add("passenger " + i + ": birthDate must be yyyy-mm-dd");
                } catch (IllegalArgumentException | NullPointerException e) {
                    errors.add("passenger " + i + ": " + e.getMessage());
                }
                if (i > MAX_PASSENGERS) break;
            }
        }
        String f = checkFlight(flight, expectedFlight, errors);
        if (date == null) errors.add("the arrival date is required");
        return finish(f, date, out, errors);
    }

    private static PassengerList finish(String flight, LocalDate date, List<Passenger> out, List<String> errors) {
        if (out.size() > MAX_PASSENGERS) errors.add("at most " + MAX_PASSENGERS + " passengers per list");
        if (errors.isEmpty() && out.isEmpty()) errors.add("the list names no passenger");
        if (!errors.isEmpty()) throw new PaxlstFormatException(errors);
        return new PassengerList(flight, date, out);
    }

    private static String checkFlight(String inFile, String expected, List<String> errors) {
        String f = null;
        try {
            if (inFile != null) f = Flights.normalise(inFile);
        } catch (IllegalArgumentException e) {
            errors.add("flight '" + limit(inFile) + "': " + e.getMessage());
            return null;
        }
        if (expected != null) {
            String e = Flights.normalise(expected);
            if (f != null && !f.equals(e)) errors.add("the list is for flight " + f + ", not " + e);
            return e;
        }
        return f;
    }

    private static String get(CSVRecord r, String col) {
        return r.isMapped(col) && r.isSet(col) ? r.get(col) : null;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static LocalDate date(String yymmdd, int seg, String what, List<String> errors) {
        String v = yymmdd.length() >= 6 ? yymmdd.substring(0, 6) : yymmdd;
        try {
            if (!v.matches("\\d{6}")) throw new NumberFormatException();
            int yy = Integer.parseInt(v.substring(0, 2));
            int year = what.equals("birth") ? (yy > 40 ? 1900 + yy : 2000 + yy) : 2000 + yy;
            return LocalDate.of(year, Integer.parseInt(v.substring(2, 4)), Integer.parseInt(v.substring(4, 6)));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            errors.add("segment " + seg + ": " + what + " date '" + limit(yymmdd) + "' is not YYMMDD");
            return null;
        }
    }

    private static String limit(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String el(List<List<String>> seg, int e, int c) {
        if (seg.size() <= e || seg.get(e).size() <= c) return "";
        return seg.get(e).get(c).strip();
    }

    /** Segments → elements → components, honouring the release character. */
    static List<List<List<String>>> split(String text, char comp, char elem, char release, char term) {
        List<List<List<String>>> segments = new ArrayList<>();
        List<List<String>> seg = new ArrayList<>();
        List<String> el = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == release && i + 1 < text.length()) {
                cur.append(text.charAt(++i));
            } else if (ch == comp) {
                el.add(cur.toString());
                cur.setLength(0);
            } else if (ch == elem) {
                el.add(cur.toString());
                cur.setLength(0);
                seg.add(el);
                el = new ArrayList<>();
            } else if (ch == term) {
                el.add(cur.toString());
                cur.setLength(0);
                seg.add(el);
                el = new ArrayList<>();
                segments.add(seg);
                seg = new ArrayList<>();
            } else if (ch != '\r' && ch != '\n' || cur.length() > 0) {
                if (ch != '\r' && ch != '\n') cur.append(ch);
            }
        }
        if (cur.length() > 0 || !el.isEmpty() || !seg.isEmpty()) {
            el.add(cur.toString());
            seg.add(el);
            segments.add(seg);
        }
        return segments;
    }

    private static final class PaxBuilder {
        final int segment;
        String surname;
        String given;
        String sex;
        String nationality;
        String document;
        String departure;
        String flightDeparture;
        String documentCountry;
        String booking;
        LocalDate birth;

        PaxBuilder(int segment) {
            this.segment = segment;
        }

        void finish(List<Passenger> out, List<String> errors) {
            try {
                out.add(new Passenger(surname, given, birth, nationality, document, sex,
                        departure != null && !departure.isBlank() ? departure : flightDeparture, documentCountry, booking));
            } catch (IllegalArgumentException | NullPointerException e) {
                errors.add("passenger at segment " + segment + ": " + e.getMessage());
            }
        }
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
