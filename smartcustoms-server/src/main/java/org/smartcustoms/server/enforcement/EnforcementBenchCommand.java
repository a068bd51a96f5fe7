package org.smartcustoms.server.enforcement;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.smartcustoms.enforcement.CommodityCategory;
import org.smartcustoms.enforcement.EntityRef;
import org.smartcustoms.enforcement.EntityType;
import org.smartcustoms.enforcement.bench.EnforcementBenchmark;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench enforcement}: search, 3-hop link expansion and the risk engine's added cost on a generated database. */
@Command(name = "enforcement", mixinStandardHelpOptions = true,
        description = {"Generate an enforcement database in memory (seizures, persons, companies; every seizure linked to 1-3 of them)",
                "and measure full-text search p99, 3-hop link expansion p99 (links in memory) and the targeting index's added",
                "cost per declaration scored by the risk engine. With --jdbc-url (an EMPTY PostgreSQL database; migrated here)",
                "the same records are also loaded into the enf_* tables and the 3-hop expansion is timed as the API does it",
                "(one enf_link query per hop, then the nodes' labels) through the server's JDBC store.",
                "Generation is streamed: at the issue's size (the defaults) it fits in the launcher's 4 GiB heap.",
                "Last line: {\"seizures\": N, ..., \"search_p99_ms\": a, \"graph3_p99_ms\": b, \"sql_graph3_p99_ms\": c,"
                        + " \"risk_added_us_per_declaration\": d, ...}"})
public class EnforcementBenchCommand implements Callable<Integer> {
    @Option(names = "--seizures", defaultValue = "1000000", description = "Generated seizures (default ${DEFAULT-VALUE}).")
    int seizures;
    @Option(names = "--persons", defaultValue = "2000000", description = "Generated persons (default ${DEFAULT-VALUE}).")
    int persons;
    @Option(names = "--companies", defaultValue = "500000", description = "Generated companies (default ${DEFAULT-VALUE}).")
    int companies;
    @Option(names = "--queries", defaultValue = "2000", description = "Searches and expansions timed (default ${DEFAULT-VALUE}).")
    int queries;
    @Option(names = "--declarations", defaultValue = "200000", description = "Declarations looked up (default ${DEFAULT-VALUE}).")
    int declarations;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed of the generated records (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--jdbc-url", description = "An empty PostgreSQL database to load and expand through, e.g. jdbc:postgresql://127.0.0.1:5432/bench")
    String jdbcUrl;
    @Option(names = "--jdbc-user", defaultValue = "postgres", description = "Database user (default ${DEFAULT-VALUE}).")
    String jdbcUser;
    @Option(names = "--jdbc-password", defaultValue = "", description = "Database password (default: none; or SMARTCUSTOMS_BENCH_PG_PASSWORD).")
    String jdbcPassword;
    @Option(names = "--json", description = "Print only the JSON line.")
    boolean json;

    @Override
    public Integer call() {
        if (seizures < 1 || persons < 1 || companies < 1 || queries < 1 || declarations < 1) {
            throw new IllegalArgumentException("all counts must be at least 1");
        }
        java.util.function.Consumer<String> progress = json ? line -> { } : System.out::println;
        EnforcementBenchmark.Result r;
        if (jdbcUrl == null) {
            r = EnforcementBenchmark.run(seizures, persons, companies, queries, declarations, seed, progress);
        } else {
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) throw new IllegalArgumentException("--jdbc-url must be a PostgreSQL URL (the load uses COPY)");
            String password = jdbcPassword.isEmpty() ? System.getenv().getOrDefault("SMARTCUSTOMS_BENCH_PG_PASSWORD", "") : jdbcPassword;
            SingleConnectionDataSource ds = new SingleConnectionDataSource(jdbcUrl, jdbcUser, password, true);
            try {
                Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
                JdbcTemplate jdbc = new JdbcTemplate(ds);
                for (String t : List.of("enf_seizure", "enf_person", "enf_company", "enf_link")) {
                    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM " + t, Integer.class);
                    if (n != null && n > 0) throw new IllegalArgumentException(t + " is not empty: give an empty database (nothing is deleted here)");
                }
                JdbcEnforcementStore store = new JdbcEnforcementStore(jdbc);
                r = EnforcementBenchmark.run(seizures, persons, companies, queries, declarations, seed, progress,
                        new CopySink(ds.getConnection(), progress), from -> {
                            LinkChart.Expansion x = LinkChart.expand(store, from, 3, EnforcementService.MAX_NODES);
                            LinkChart.labels(store, x.nodes());
                            return x.nodes().size();
                        });
            } catch (SQLException e) {
                throw new IllegalStateException("database: " + e.getMessage(), e);
            } finally {
                ds.destroy();
            }
        }
        System.out.println(r.toJson());
        return 0;
    }

    /** Loads the generated records with COPY, in chunks; ANALYZE at the end so the planner knows the sizes. */
    static final class CopySink implements EnforcementBenchmark.Sink {
        private static final int CHUNK = 50_000;
        private static final String AT = "2026-01-01 00:00:00";
        private final Connection conn;
        private final java.util.function.Consumer<String> progress;
        private final StringBuilder companies = new StringBuilder();
        private final StringBuilder persons = new StringBuilder();
        private final StringBuilder seizures = new StringBuilder();
        private final StringBuilder links = new StringBuilder();
        private int nCompanies;
        private int nPersons;
        private int nSeizures;
        private int nLinks;
        private boolean closed;

        CopySink(Connection conn, java.util.function.Consumer<String> progress) {
            this.conn = conn;
            this.progress = progress;
        }

        @Override
        public void company(String id, String name, String partyId) {
            companies.append(id).append(",1,").append(q(name)).append(',').append(q(partyId)).append(",,,,,bench,").append(AT).append('\n');
            if (++nCompanies % CHUNK == 0) flush();
        }

        @Override
        public void person(String id, String name) {
            persons.append(id).append(",1,").append(q(name)).append(",,,,,,,bench,").append(AT).append('\n');
            if (++nPersons % CHUNK == 0) flush();
        }

        @Override
        public void seizure(String id, LocalDate date, String goods, String concealment, int kilograms, CommodityCategory category,
                            List<EntityRef> involved) {
            seizures.append(id).append(',').append(date).append(",BENCH,XRAY,").append(category.name()).append(',').append(q(goods))
                    .append(',').append(kilograms).append(",KG,,,").append(q(concealment)).append(",,,,,,,,bench,").append(AT).append('\n');
            for (EntityRef e : involved) {
                links.append(e.type().name()).append(',').append(e.id()).append(",SEIZURE,").append(id).append(',')
                        .append(e.type() == EntityType.COMPANY ? "IMPORTER" : "OFFENDER").append('\n');
                nLinks++;
            }
            if (++nSeizures % CHUNK == 0) flush();
        }

        private void flush() {
            copy("enf_company (id, version, name, party_id, country, address, phone, review_date, recorded_by, recorded_at)", companies);
            copy("enf_person (id, version, name, birth_date, nationality, document_number, address, phone, review_date, recorded_by, recorded_at)", persons);
            copy("enf_seizure (id, seizure_date, office, detection_method, category, goods, quantity, unit, value_amount, currency, concealment, "
                    + "conveyance, route_departure, route_transit, route_destination, inspection_result_id, outcome, idempotency_key, recorded_by, recorded_at)",
                    seizures);
            copy("enf_link (from_type, from_id, to_type, to_id, role)", links);
        }

        private void copy(String table, StringBuilder rows) {
            if (rows.isEmpty()) return;
            try {
                conn.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", new StringReader(rows.toString()));
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("COPY into " + table + ": " + e.getMessage(), e);
            }
            rows.setLength(0);
        }

        private static String q(String s) {
            return s == null ? "" : "\"" + s.replace("\"", "\"\"") + "\"";
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            flush();
            try (var st = conn.createStatement()) {
                st.execute("ANALYZE enf_company");
                st.execute("ANALYZE enf_person");
                st.execute("ANALYZE enf_seizure");
                st.execute("ANALYZE enf_link");
            } catch (SQLException e) {
                throw new IllegalStateException("ANALYZE: " + e.getMessage(), e);
            }
            progress.accept(String.format(Locale.ROOT, "database loaded: %d companies, %d persons, %d seizures, %d links",
                    nCompanies, nPersons, nSeizures, nLinks));
        }
    }

}
