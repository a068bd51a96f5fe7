package org.smartcustoms.risk.model;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.smartcustoms.declaration.bulk.BulkRow;
import org.smartcustoms.declaration.bulk.KcsCsvReader;

/** Small synthetic KCS-format data with a learnable pattern: a few importers cheat, with low unit prices. */
final class KcsFixtures {
    static final String HEADER = "Declaration ID,Date,Office ID,Process Type,Import Type,Import Use,Payment Type,"
            + "Mode of Transport,Declarant ID,Importer ID,Seller ID,Courier ID,HS6 Code,Country of Departure,"
            + "Country of Origin,Tax Rate,Tax Type,Country of Origin Indicator,Net Mass,Item Price,Fraud,Critical Fraud\n";

    private KcsFixtures() { }

    /** {@code n} rows over {@code days} days starting 2020-01-01. Importers IMP0..IMP3 are fraudulent 80% of the time. */
    static String csv(int n, int days, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(HEADER);
        String[] hs = {"690722", "440890", "851712", "610910", "030617"};
        String[] co = {"CN", "BE", "VN", "US"};
        LocalDate start = LocalDate.of(2020, 1, 1);
        for (int i = 0; i < n; i++) {
            LocalDate d = start.plusDays((long) i * days / n);
            int imp = r.nextInt(20);
            boolean bad = imp < 4 ? r.nextDouble() < 0.8 : r.nextDouble() < 0.05;
            double mass = 10 + r.nextInt(1000);
            double unit = (bad ? 200 : 1000) * (0.8 + 0.4 * r.nextDouble());
            String origin = co[r.nextInt(co.length)];
            b.append(String.format(Locale.ROOT, "%d,%s,%d,B,11,21,11,10,DEC%d,IMP%d,SEL%d,%s,%s,%s,%s,8.0,A,Y,%.1f,%.1f,%d,%d%n",
                    100000 + i, d, 10 + r.nextInt(3), r.nextInt(5), imp, r.nextInt(10), r.nextBoolean() ? "" : "CR1",
                    hs[r.nextInt(hs.length)], origin, origin, mass, mass * unit, bad ? 1 : 0, bad && r.nextBoolean() ? 1 : 0));
        }
        return b.toString();
    }

    static List<BulkRow> rows(int n, int days, long seed) {
        List<BulkRow> rows = new ArrayList<>();
        try {
            new KcsCsvReader().read(new StringReader(csv(n, days, seed)), rows::add);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    static List<LabelledItem> items(int n, int days, long seed) { return LabelledItem.fromRows(rows(n, days, seed)); }

    static TrainingParams fastParams() {
        return new TrainingParams(4, 0.2, 40, 1.0, 1.0, 1, 2, 0, 0, 0, 7);
    }
}
