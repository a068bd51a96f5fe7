package org.smartcustoms.server.travel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

import org.smartcustoms.server.cli.OpenLoad;
import org.smartcustoms.server.cli.ServerOptions;
import org.smartcustoms.server.risk.RiskService;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserDirectory;
import org.smartcustoms.travel.Answers;
import org.smartcustoms.travel.Mrz;
import org.smartcustoms.travel.Passport;
import org.smartcustoms.travel.PersonScreen;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench travel}: the travellers' figures of issue 14 on a running server (started by the command on the
 * configured database, on a loopback port). Loads a persons watch list of N generated people (the risk engine's
 * parties list, {@code PERSON:} ids), E persons of the enforcement database linked to seizures (over its API) and R
 * passenger-data rules; then (a) imports passenger lists of P passengers per flight (some watch-listed, some with a
 * spelling variant, some linked to seizures) and reads the server's own screening time of each whole flight (watch
 * list, enforcement links and rules, before the rows are stored); (b) declares every passenger of those flights
 * (real declarations, real signed QR codes) and scans each code once with its passport's MRZ over HTTP
 * ({@code POST /api/v1/egate/scan}, a GATE token) in an open model at a fixed rate, latency from the intended send
 * time ({@link OpenLoad}). Last line: JSON.
 */
@Command(name = "travel", mixinStandardHelpOptions = true,
        description = {"Pre-arrival screening of whole flights (watch list, enforcement links, passenger-data rules) and e-gate scans over HTTP",
                "at a fixed rate (open model), on a server the command starts on the configured database (H2 under --data-dir, or SMARTCUSTOMS_DB_URL).",
                "Last line: {..., \"flight_screening_ms\": a, ..., \"gate_rate\": R, \"gate_p50_ms\": b, \"gate_p99_ms\": c, \"errors\": e}"})
public class TravelBenchCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--persons", defaultValue = "1000000", description = "Persons on the watch list (default ${DEFAULT-VALUE}).")
    int persons;

    @Option(names = "--enforcement-persons", defaultValue = "50", description = "Persons of the enforcement database, each linked to a seizure (default ${DEFAULT-VALUE}).")
    int enforcementPersons;

    @Option(names = "--rules", defaultValue = "5", description = "Passenger-data rules in force, at most 5 (default ${DEFAULT-VALUE}).")
    int rules;

    @Option(names = "--passengers", defaultValue = "500", description = "Passengers per flight (default ${DEFAULT-VALUE}).")
    int passengers;

    @Option(names = "--rate", defaultValue = "50", description = "E-gate scans per second (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "30", description = "Measured seconds of scans (default ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--warmup", defaultValue = "10", description = "Seconds of scans at the same rate before measuring (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--connections", defaultValue = "16", description = "Most scans in flight at once (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--timeout", defaultValue = "10", description = "Seconds from when a scan is due until it must be answered (default ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--seed", defaultValue = "14", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print only the JSON line.")
    boolean json;

    private static final String[] SYL = {"ka", "to", "mi", "ra", "no", "su", "ke", "ha", "ri", "an", "el", "or", "is", "us", "ber",
            "mar", "ton", "vic", "lin", "dor", "sen", "gra", "pol", "ski", "ova", "ich", "son", "ez", "ov", "ier"};
    private static final String[] NAT = {"JPN", "USA", "GBR", "CHN", "KOR", "FRA", "DEU", "RUS", "IND", "BRA", "AUS", "POL"};
    private static final String[] NAT2 = {"JP", "US", "GB", "CN", "KR", "FR", "DE", "RU", "IN", "BR", "AU", "PL"};
    private static final String[] DEPARTURES = {"GRU", "LHR", "JFK", "ICN", "PEK", "CDG", "FRA", "SVO", "DEL", "SYD", "WAW", "BKK"};
    /** Passenger-data rules of the kind analysts write (variables of {@code PassengerVariable}). */
    private static final String[][] RULES = {
            {"Young solo travellers from GRU", "departure == \"GRU\" && age < 30 && group_size == 1", "couriers' profile on this route"},
            {"Large groups", "group_size >= 5", "large party on one booking"},
            {"Document of another country", "document_country != nationality && age > 60", "document issued by another state"},
            {"Late-night route", "flight == \"BX1002\" && sex == \"M\" && age < 25", "route under a targeting operation"},
            {"Unlisted", "!on_passenger_list", "not on the airline's passenger list"}};

    private record Person(String given, String surname, LocalDate birth, int nat) {
        String name() { return given + " " + surname; }
    }

    private static String word(Random r) {
        StringBuilder w = new StringBuilder();
        int n = 2 + r.nextInt(3);
        for (int i = 0; i < n; i++) w.append(SYL[r.nextInt(SYL.length)]);
        w.setCharAt(0, Character.toUpperCase(w.charAt(0)));
        return w.toString();
    }

    private static Person person(Random r) {
        return new Person(word(r), word(r), LocalDate.of(1940, 1, 1).plusDays(r.nextInt(25_000)), r.nextInt(NAT.length));
    }

    @Override
    public Integer call() throws Exception {
        if (persons < 1 || passengers < 1 || rate < 1 || duration < 1 || warmup < 0 || connections < 1 || timeout < 1
                || enforcementPersons < 0 || rules < 0 || rules > RULES.length) {
            throw new IllegalArgumentException("counts, --rate, --duration, --connections and --timeout must be positive; --rules 0 to " + RULES.length);
        }
        long[] schedule = OpenLoad.schedule(rate, rate, warmup, duration);
        int warm = schedule.length - rate * duration;
        int flights = (schedule.length + passengers - 1) / passengers;
        Random r = new Random(seed);
        String run = Long.toString(new SecureRandom().nextLong() & 0xFFFFFFFL, 36).toUpperCase(Locale.ROOT);

        say("Generating a watch list of " + persons + " persons...");
        List<Person> listed = new ArrayList<>(persons);
        StringBuilder csv = new StringBuilder(persons * 64).append("entry_id,party_id,name,aliases,reason,source,valid_from,valid_to\n");
        for (int i = 0; i < persons; i++) {
            Person p = person(r);
            listed.add(p);
            csv.append('P').append(i).append(',').append(PersonScreen.personId(p.birth(), NAT[p.nat()])).append(',').append(p.name())
                    .append(",,bench,bench,,\n");
        }
        List<Person> linked = new ArrayList<>(enforcementPersons);
        for (int i = 0; i < enforcementPersons; i++) linked.add(person(r));

        say("Starting the server...");
        try (ConfigurableApplicationContext ctx = options.webOnLoopback()) {
            String base = "http://127.0.0.1:" + ServerOptions.port(ctx);
            UserDirectory users = ctx.getBean(UserDirectory.class);
            String actor = "bench-travel-" + run;
            String gate = users.issueToken(users.create(actor + "-gate", null, Role.GATE, null).id(), "bench travel");
            String intelligence = users.issueToken(users.create(actor + "-intel", null, Role.INTELLIGENCE, null).id(), "bench travel");
            FlightService flightService = ctx.getBean(FlightService.class);
            TravelService travel = ctx.getBean(TravelService.class);
            LocalDate today = LocalDate.now(ctx.getBean(java.time.Clock.class).withZone(ctx.getBean(TravelSettings.class).zone));

            long t0 = System.nanoTime();
            int n = ctx.getBean(RiskService.class).importWatchList(RiskService.WatchListKind.PARTIES, csv.toString(), actor);
            csv = null;
            long watchMs = (System.nanoTime() - t0) / 1_000_000;
            say("watch list of " + n + " entries imported in " + watchMs + " ms");

            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < linked.size(); i++) {
                Person p = linked.get(i);
                String pid = ObjectMapperHolder.field(post(http, base + "/api/v1/enforcement/persons", intelligence, "{\"name\":\"" + p.name()
                        + "\",\"birthDate\":\"" + p.birth() + "\",\"nationality\":\"" + NAT2[p.nat()] + "\"}"), "id");
                post(http, base + "/api/v1/enforcement/seizures", intelligence, "{\"date\":\"" + today.minusDays(30 + i)
                        + "\",\"office\":\"JPNRT200\",\"detectionMethod\":\"DOG\",\"category\":\"DRUGS_COCAINE\",\"goods\":\"cocaine\","
                        + "\"quantity\":" + (1 + i % 9) + ",\"unit\":\"KG\",\"concealment\":\"suitcase lining\",\"involved\":[{\"entity\":\"PERSON:" + pid
                        + "\",\"role\":\"COURIER\"}]}");
            }
            PassengerRuleService ruleService = ctx.getBean(PassengerRuleService.class);
            for (int i = 0; i < rules; i++) ruleService.create(new PassengerRuleService.RuleDraft(RULES[i][0] + " " + run, RULES[i][1], RULES[i][2]), actor);
            say(linked.size() + " enforcement persons linked to seizures, " + rules + " passenger-data rules");

            // (a) the flights: 1% listed people, 1% with a one-letter spelling variant, 0.4% linked to seizures, the rest random
            record Traveller(Passport passport, String flight) { }
            List<Traveller> travellers = new ArrayList<>(flights * passengers);
            flightService.importList("BX0999", passengerCsv(r, listed, linked, passengers, new ArrayList<>(), "BX0999"), today, actor); // warm-up
            long[] screeningMs = new long[flights];
            long[] importMs = new long[flights];
            int hits = 0;
            for (int f = 0; f < flights; f++) {
                String flight = "BX" + (1000 + f);
                List<Passport> pax = new ArrayList<>(passengers);
                String list = passengerCsv(r, listed, linked, passengers, pax, flight);
                long i0 = System.nanoTime();
                FlightService.ImportReceipt receipt = flightService.importList(flight, list, today, actor);
                importMs[f] = (System.nanoTime() - i0) / 1_000_000;
                screeningMs[f] = receipt.screeningMillis();
                hits += receipt.watchHits();
                say("flight " + flight + ": " + receipt.passengers() + " passengers screened in " + receipt.screeningMillis() + " ms ("
                        + receipt.watchHits() + " with hits; import with storage " + importMs[f] + " ms)");
                for (Passport p : pax) travellers.add(new Traveller(p, flight));
            }
            listed = null;

            // (b) every passenger declares (nothing to declare) and gets a signed single-use QR code
            say("Declaring " + schedule.length + " travellers...");
            List<byte[]> bodies = new ArrayList<>(schedule.length);
            ObjectMapper om = new ObjectMapper();
            for (int i = 0; i < schedule.length; i++) {
                Traveller t = travellers.get(i);
                String mrz = Mrz.td3(t.passport());
                TravelService.TravellerView v = travel.declare(new TravelService.DeclarationRequest(
                        new TravelService.PassportInput(mrz, null, null, null, null, null, null, null, null), t.flight(), today,
                        List.of(), Answers.none(), List.of()));
                bodies.add(om.writeValueAsBytes(Map.of("qr", v.qr().payload(), "mrz", mrz)));
            }
            say("Scanning " + rate + "/s over at most " + connections + " connections: " + warmup + " s warm-up, then " + duration + " s measured...");
            URI scan = URI.create(base + "/api/v1/egate/scan");
            Map<String, LongAdder> decisions = new java.util.concurrent.ConcurrentHashMap<>();
            OpenLoad.Result res = OpenLoad.run(i -> HttpRequest.newBuilder(scan).header("Authorization", "Bearer " + gate)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))),
                    schedule, warm, connections, timeout, a -> decisions.computeIfAbsent(decision(a), k -> new LongAdder()).increment());
            long screenMax = java.util.Arrays.stream(screeningMs).max().orElse(0);
            if (!json) {
                System.out.printf(Locale.ROOT, "%d scans sent in %.1f s (%d sent more than 1 ms late), decisions %s, errors %s%n", res.requests(),
                        res.sendSeconds(), res.lateSends(), decisions, res.failures());
                System.out.printf(Locale.ROOT, "measured %d: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", res.okLatencies().length,
                        res.pct(0.5), res.pct(0.9), res.pct(0.99), res.maxMs());
            }
            System.out.printf(Locale.ROOT, "{\"bench\": \"travel\", \"db\": \"%s\", \"watchlist_persons\": %d, \"watchlist_import_ms\": %d, "
                            + "\"enforcement_persons\": %d, \"passenger_rules\": %d, \"flights\": %d, \"flight_passengers\": %d, "
                            + "\"flight_screening_ms_each\": %s, \"flight_import_ms_each\": %s, \"flight_hits\": %d, \"flight_screening_ms\": %d, "
                            + "\"gate_warmup_s\": %d, \"gate_duration_s\": %d, \"gate_requests\": %d, \"gate_open\": %d, \"gate_inspect\": %d, \"gate_refused\": %d, "
                            + "\"gate_p90_ms\": %s, \"gate_max_ms\": %s, \"gate_rate\": %d, \"gate_p50_ms\": %s, \"gate_p99_ms\": %s, \"errors\": %d}%n",
                    ServerOptions.database(ctx), n, watchMs, linked.size(), rules, flights, passengers, java.util.Arrays.toString(screeningMs),
                    java.util.Arrays.toString(importMs), hits, screenMax, warmup, duration, res.measured(), count(decisions, "OPEN"),
                    count(decisions, "INSPECT"), count(decisions, "REFUSED"), OpenLoad.ms(res.pct(0.9)), OpenLoad.ms(res.maxMs()), rate,
                    OpenLoad.ms(res.pct(0.5)), OpenLoad.ms(res.pct(0.99)), res.errors());
            return 0;
        }
    }

    /** A flight's passenger list as CSV; the passengers' passports are added to {@code out}. */
    private static String passengerCsv(Random r, List<Person> listed, List<Person> linked, int passengers, List<Passport> out, String flight) {
        StringBuilder b = new StringBuilder("surname,given_names,birth_date,nationality,document_number,sex,departure,document_country,booking\n");
        for (int i = 0; i < passengers; i++) {
            int k = r.nextInt(1000);
            Person p;
            if (k < 10) p = listed.get(r.nextInt(listed.size()));
            else if (k < 20) {
                Person l = listed.get(r.nextInt(listed.size()));
                p = new Person(l.given(), l.surname().substring(0, l.surname().length() - 1) + "x", l.birth(), l.nat());
            } else if (k < 24 && !linked.isEmpty()) p = linked.get(r.nextInt(linked.size()));
            else p = person(r);
            String doc = "B" + flight.substring(2) + String.format(Locale.ROOT, "%04d", i);
            String sex = r.nextBoolean() ? "F" : "M";
            String nat = NAT[p.nat()];
            String docCountry = r.nextInt(50) == 0 ? NAT[r.nextInt(NAT.length)] : nat;
            String booking = i % 100 == 0 ? "BKG" + flight : "BK" + flight + "N" + i / 2; // one group of 5 per 500, else pairs
            b.append(p.surname().toUpperCase(Locale.ROOT)).append(',').append(p.given().toUpperCase(Locale.ROOT)).append(',').append(p.birth())
                    .append(',').append(nat).append(',').append(doc).append(',').append(sex).append(',').append(DEPARTURES[r.nextInt(DEPARTURES.length)])
                    .append(',').append(docCountry).append(',').append(booking).append('\n');
            out.add(new Passport(doc, docCountry, p.surname(), p.given(), nat, p.birth(), sex, LocalDate.of(2031, 5, 1)));
        }
        return b.toString();
    }

    private static String decision(HttpResponse<String> a) {
        if (a.statusCode() != 200) return "HTTP " + a.statusCode();
        String body = a.body();
        for (String d : new String[] {"OPEN", "INSPECT", "REFUSED"}) if (body.contains("\"decision\":\"" + d + "\"")) return d;
        return "?";
    }

    private static long count(Map<String, LongAdder> m, String k) {
        LongAdder a = m.get(k);
        return a == null ? 0 : a.sum();
    }

    private static String post(HttpClient http, String url, String bearer, String body) throws Exception {
        HttpResponse<String> a = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (a.statusCode() != 201) throw new IllegalStateException("POST " + url + ": HTTP " + a.statusCode() + " " + a.body());
        return a.body();
    }

    private static final class ObjectMapperHolder {
        private static final ObjectMapper M = new ObjectMapper();

        static String field(String json, String name) throws Exception {
            return M.readTree(json).get(name).asText();
        }
    }

    private void say(String line) {
        if (!json) System.out.println(line);
    }
}
