package org.smartcustoms.server.travel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

import org.smartcustoms.risk.watchlist.PartyEntry;
import org.smartcustoms.risk.watchlist.WatchList;
import org.smartcustoms.travel.GateFacts;
import org.smartcustoms.travel.PersonHit;
import org.smartcustoms.travel.PersonScreen;
import org.smartcustoms.travel.QrCheck;
import org.smartcustoms.travel.QrClaims;
import org.smartcustoms.travel.QrTokens;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench travel}: in-process figures of the travellers' screening (no database, no HTTP). Builds a persons watch
 * list of N generated people (names from generated syllables, birth dates, nationalities; as the risk engine's
 * parties list with {@code PERSON:} ids), screens a flight of P passengers against it (some of them listed, some
 * with a spelling variant), then times S e-gate decisions: ES256 signature and validity check of a QR code, the
 * person screening and the decision rules. Last line: JSON.
 */
@Command(name = "travel", mixinStandardHelpOptions = true,
        description = {"Screen a generated flight against a generated persons watch list and time e-gate decisions (in-process).",
                "Last line: {\"watchlist_persons\": N, \"flight_passengers\": P, \"flight_screening_ms\": x, \"scans\": S, \"scan_p50_ms\": a, \"scan_p99_ms\": b, ...}"})
public class TravelBenchCommand implements Callable<Integer> {
    @Option(names = "--persons", defaultValue = "1000000", description = "Persons on the watch list (default ${DEFAULT-VALUE}).")
    int persons;

    @Option(names = "--passengers", defaultValue = "500", description = "Passengers on the flight (default ${DEFAULT-VALUE}).")
    int passengers;

    @Option(names = "--scans", defaultValue = "20000", description = "E-gate decisions timed (default ${DEFAULT-VALUE}).")
    int scans;

    @Option(names = "--seed", defaultValue = "14", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    private static final String[] SYL = {"ka", "to", "mi", "ra", "no", "su", "ke", "ha", "ri", "an", "el", "or", "is", "us", "ber",
            "mar", "ton", "vic", "lin", "dor", "sen", "gra", "pol", "ski", "ova", "ich", "son", "ez", "ov", "ier"};
    private static final String[] NAT = {"JPN", "USA", "GBR", "CHN", "KOR", "FRA", "DEU", "RUS", "IND", "BRA", "AUS", "POL"};

    private static String name(Random r) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < 2; w++) {
            StringBuilder word = new StringBuilder();
            int n = 2 + r.nextInt(3);
            for (int i = 0; i < n; i++) word.append(SYL[r.nextInt(SYL.length)]);
            word.setCharAt(0, Character.toUpperCase(word.charAt(0)));
            if (w > 0) b.append(' ');
            b.append(word);
        }
        return b.toString();
    }

    private record Person(String name, LocalDate birth, String nat) { }

    @Override
    public Integer call() {
        Random r = new Random(seed);
        long t0 = System.nanoTime();
        List<Person> listed = new ArrayList<>(persons);
        List<PartyEntry> entries = new ArrayList<>(persons);
        for (int i = 0; i < persons; i++) {
            Person p = new Person(name(r), LocalDate.of(1940, 1, 1).plusDays(r.nextInt(25_000)), NAT[r.nextInt(NAT.length)]);
            listed.add(p);
            entries.add(new PartyEntry("P" + i, PersonScreen.personId(p.birth(), p.nat()), p.name(), List.of(), "bench", "bench", null, null));
        }
        PersonScreen screen = new PersonScreen(new WatchList(entries, List.of()));
        entries = null;
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("watch list of " + persons + " persons built in " + buildMs + " ms");

        // a flight: 1% listed people exactly, 1% with a one-letter spelling variant, the rest random people
        List<Person> flight = new ArrayList<>(passengers);
        for (int i = 0; i < passengers; i++) {
            int k = r.nextInt(100);
            if (k == 0) flight.add(listed.get(r.nextInt(listed.size())));
            else if (k == 1) {
                Person p = listed.get(r.nextInt(listed.size()));
                flight.add(new Person(p.name().substring(0, p.name().length() - 1) + "x", p.birth(), p.nat()));
            } else flight.add(new Person(name(r), LocalDate.of(1940, 1, 1).plusDays(r.nextInt(25_000)), NAT[r.nextInt(NAT.length)]));
        }
        listed = null;
        LocalDate on = LocalDate.of(2026, 12, 1);
        // warm-up, then the measured screening of the whole flight
        for (Person p : flight) screen.screen(p.name() + " warm", p.birth(), p.nat(), on);
        long f0 = System.nanoTime();
        int hits = 0;
        for (Person p : flight) if (!screen.screen(p.name(), p.birth(), p.nat(), on).isEmpty()) hits++;
        double flightMs = (System.nanoTime() - f0) / 1e6;
        System.out.println("flight of " + passengers + " passengers screened in " + String.format(Locale.ROOT, "%.1f", flightMs) + " ms, " + hits + " hit(s)");

        QrTokens tokens = new QrTokens(List.of(QrTokens.newKey()));
        Instant now = Instant.parse("2026-12-01T08:00:00Z");
        String[] codes = new String[1000];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = tokens.issue(new QrClaims("T" + i, "h" + i, "NH212", now.minusSeconds(3600), now.plusSeconds(86_400)));
        }
        for (int i = 0; i < 2000; i++) decide(tokens, screen, codes[i % codes.length], flight.get(i % flight.size()), now, on);
        long[] ns = new long[scans];
        int inspect = 0;
        for (int i = 0; i < scans; i++) {
            long s0 = System.nanoTime();
            if (decide(tokens, screen, codes[i % codes.length], flight.get(i % flight.size()), now, on)) inspect++;
            ns[i] = System.nanoTime() - s0;
        }
        Arrays.sort(ns);
        double p50 = ns[scans / 2] / 1e6;
        double p99 = ns[Math.min(scans - 1, (int) Math.ceil(scans * 0.99) - 1)] / 1e6;
        System.out.println(scans + " e-gate decisions: p50 " + String.format(Locale.ROOT, "%.3f", p50) + " ms, p99 "
                + String.format(Locale.ROOT, "%.3f", p99) + " ms (" + inspect + " INSPECT)");
        long heap = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
        System.out.println(String.format(Locale.ROOT, "{\"watchlist_persons\": %d, \"watchlist_build_ms\": %d, \"flight_passengers\": %d, "
                + "\"flight_screening_ms\": %.1f, \"flight_hits\": %d, \"scans\": %d, \"scan_p50_ms\": %.3f, \"scan_p99_ms\": %.3f, \"heap_mb\": %d}",
                persons, buildMs, passengers, flightMs, hits, scans, p50, p99, heap));
        return 0;
    }

    private static boolean decide(QrTokens tokens, PersonScreen screen, String code, Person p, Instant now, LocalDate on) {
        QrCheck c = tokens.verify(code, now);
        if (!c.ok()) throw new IllegalStateException("bench code refused: " + c.detail());
        List<PersonHit> hits = screen.screen(p.name(), p.birth(), p.nat(), on);
        return new GateFacts(true, true, List.of(), 0, "JPY", hits, false).decide().decision() == org.smartcustoms.travel.GateDecision.INSPECT;
    }
}
