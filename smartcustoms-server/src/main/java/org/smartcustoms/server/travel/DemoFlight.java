package org.smartcustoms.server.travel;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * With the demo world ({@code smartcustoms.demo.enabled=true}): after the history is replayed (the demo loader's phase
 * 0), today's flight NH212 from São Paulo (GRU) arrives with an advance passenger list (PAXLST) of twelve passengers,
 * screened on import like any airline's list, and the analysts' demo passenger-data rule "young solo travellers from
 * GRU" is in force — so the arrivals board has a flight, passengers and a referral reason to show, and the kiosk a
 * passenger list to check travellers against. Nothing is added when today's list is already there.
 */
@Component
@ConditionalOnProperty(name = "smartcustoms.demo.enabled", havingValue = "true")
class DemoFlight implements SmartLifecycle {
    static final String FLIGHT = "NH212";
    private static final Logger log = LoggerFactory.getLogger(DemoFlight.class);
    private static final String[][] PASSENGERS = {
        // surname, given names, birth date, nationality, document, sex, booking, document country
        {"TANAKA", "HANAKO", "1985-04-02", "JPN", "TK1234567", "F", "JQ7K2A", "JPN"},
        {"TANAKA", "MEI", "2015-06-01", "JPN", "TK7654321", "F", "JQ7K2A", "JPN"},
        {"SATO", "KENJI", "1972-11-23", "JPN", "TS5550123", "M", "LM3P9Q", "JPN"},
        {"OLIVEIRA", "LUCAS", "2003-03-14", "BRA", "FB1928374", "M", "ZX81RT", "BRA"},
        {"SANTOS", "BEATRIZ", "1990-08-30", "BRA", "FB5647382", "F", "PP42KD", "BRA"},
        {"SANTOS", "PEDRO", "1988-01-09", "BRA", "FB5647399", "M", "PP42KD", "BRA"},
        {"NAKAMURA", "YUI", "1999-12-12", "JPN", "TN3141592", "F", "QW12ER", "JPN"},
        {"SMITH", "JOHN", "1968-05-05", "GBR", "GB9081726", "M", "RT56YU", "GBR"},
        {"FERREIRA", "ANA", "2001-07-21", "PRT", "PT4455667", "F", "UI90OP", "PRT"},
        {"WATANABE", "SHO", "1980-02-17", "JPN", "TW2718281", "M", "AS34DF", "JPN"},
        {"COSTA", "RAFAEL", "1995-10-02", "BRA", "FB1122334", "M", "GH78JK", "BRA"},
        {"KIM", "MINJI", "1993-04-25", "KOR", "KM6677889", "F", "ZX90CV", "KOR"},
    };
    private final FlightService flights;
    private final PassengerRuleService rules;
    private final TravelStore store;
    private final TravelSettings settings;
    private final Clock clock;
    private volatile boolean running;

    DemoFlight(FlightService flights, PassengerRuleService rules, TravelStore store, TravelSettings settings, Clock clock) {
        this.flights = flights;
        this.rules = rules;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public int getPhase() {
        return 1;
    }

    @Override
    public void start() {
        try {
            LocalDate today = LocalDate.now(clock.withZone(settings.zone));
            if (store.flight(FLIGHT, today).isPresent()) return;
            if (rules.list().isEmpty()) {
                rules.create(new PassengerRuleService.RuleDraft("Young solo travellers from GRU",
                        "departure == 'GRU' && age < 25 && group_size == 1",
                        "young traveller alone from a cocaine source airport (courier profile)"), "demo-loader");
            }
            var receipt = flights.importList(FLIGHT, paxlst(today), today, "demo-loader");
            log.info("Demo flight {} on {}: {} passengers, {} with a screening hit", FLIGHT, today, receipt.passengers(), receipt.watchHits());
        } catch (RuntimeException e) {
            log.warn("Demo flight not loaded: {}", e.getMessage());
        } finally {
            running = true;
        }
    }

    /** The airline's UN/EDIFACT PAXLST message for today's arrival. */
    static String paxlst(LocalDate arrival) {
        DateTimeFormatter yymmdd = DateTimeFormatter.ofPattern("yyMMdd");
        StringBuilder m = new StringBuilder("UNA:+.? 'UNB+UNOA:4+NHAIRLINE+JPCUSTOMS+" + arrival.format(yymmdd) + ":0600+1'")
                .append("UNH+1+PAXLST:D:02B:UN:IATA'BGM+745'TDT+20+").append(FLIGHT).append("'LOC+125+GRU'LOC+87+NRT'DTM+232:")
                .append(arrival.format(yymmdd)).append("1730:201'");
        for (String[] p : PASSENGERS) {
            m.append("NAD+FL+++").append(p[0]).append(':').append(p[1]).append("'ATT+2++").append(p[5]).append("'DTM+329:")
                    .append(LocalDate.parse(p[2]).format(yymmdd)).append("'NAT+2+").append(p[3]).append("'RFF+AVF:").append(p[6])
                    .append("'DOC+P:110:111+").append(p[4]).append("'LOC+91+").append(p[7]).append("'");
        }
        return m.append("CNT+42:").append(PASSENGERS.length).append("'UNT+").append(PASSENGERS.length * 7 + 8).append("+1'UNZ+1+1'").toString();
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
