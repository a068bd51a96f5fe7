package org.smartcustoms.risk.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.bulk.BulkRow;

class HistoryStoreTest {

    private static final BulkRow.Label FRAUD = new BulkRow.Label(true, 1);
    private static final BulkRow.Label CLEAN = new BulkRow.Label(false, 0);

    static Declaration decl(String id, LocalDate date) {
        String csv = KcsFixtures.HEADER + id + "," + date
                + ",30,B,11,21,11,10,DEC1,IMPX,SEL1,,690722,CN,CN,8.0,A,Y,100.0,50000.0,0,0\n";
        List<BulkRow> rows = new java.util.ArrayList<>();
        try {
            new org.smartcustoms.declaration.bulk.KcsCsvReader().read(new java.io.StringReader(csv), rows::add);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return rows.get(0).declaration();
    }

    @Test
    void profileNeverIncludesOwnSameDayOrLaterLabels() {
        LocalDate d1 = LocalDate.of(2020, 3, 1);
        LocalDate d2 = d1.plusDays(1);
        HistoryStore h = new HistoryStore();
        Declaration a = decl("1", d1);
        Declaration b = decl("2", d2);
        Declaration c = decl("3", d2);
        Declaration later = decl("4", d2.plusDays(5));
        // everything recorded up front, in scrambled order: the store must still hide same-day and later data
        for (Declaration d : List.of(later, c, b, a)) {
            h.observe(d);
            h.record(d, FRAUD);
        }
        assertThat(h.asOf(d1).profile("importer", "IMPX")).isEqualTo(HistoryStore.KeyProfile.NONE);
        HistoryStore.KeyProfile atD2 = h.asOf(d2).profile("importer", "IMPX");
        assertThat(atD2.seen()).isEqualTo(1);
        assertThat(atD2.labelled()).isEqualTo(1);
        assertThat(atD2.frauds()).isEqualTo(1);
        assertThat(atD2.firstSeen()).isEqualTo(d1);
        HistoryStore.KeyProfile next = h.asOf(d2.plusDays(1)).profile("importer", "IMPX");
        assertThat(next.labelled()).isEqualTo(3);
    }

    /**
     * A declaration observed when scored but never stored is taken back while queued: only that observation (not an
     * equal one of the same declaration observed again), and not once it has been applied.
     */
    @Test
    void aQueuedObservationCanBeWithdrawnButAnAppliedOneCannot() {
        LocalDate d = LocalDate.of(2020, 3, 1);
        HistoryStore h = new HistoryStore();
        Declaration x = decl("6", d);
        HistoryStore.Observation first = h.observe(x);
        HistoryStore.Observation again = h.observe(x); // the same declaration concluded again (e.g. under a new MRN)
        HistoryStore.Observation other = h.observe(decl("7", d.plusDays(1)));
        assertThat(first.withdraw()).isTrue();
        assertThat(first.withdraw()).as("only once").isFalse();
        assertThat(h.asOf(d.plusDays(1)).profile("importer", "IMPX").seen()).isEqualTo(1);
        assertThat(again.withdraw()).as("applied: nothing changes").isFalse();
        assertThat(h.asOf(d.plusDays(1)).profile("importer", "IMPX").seen()).isEqualTo(1);
        assertThat(other.withdraw()).as("a later day, still queued").isTrue();
        assertThat(h.asOf(d.plusDays(30)).profile("importer", "IMPX").seen()).isEqualTo(1);
        assertThat(h.asOf(d.plusDays(30)).profile("importer", "IMPX").firstSeen()).isEqualTo(d);
    }

    @Test
    void featuresOfATrainingRowIgnoreItsOwnLabel() {
        LocalDate d = LocalDate.of(2020, 3, 1);
        Declaration x = decl("9", d);
        HistoryStore withOwn = new HistoryStore();
        withOwn.observe(x);
        withOwn.record(x, FRAUD);
        HistoryStore empty = new HistoryStore();
        float[] a = ModelFeatureVector.extract(x, x.items().get(0), withOwn.asOf(d));
        float[] b = ModelFeatureVector.extract(x, x.items().get(0), empty.asOf(d));
        assertThat(a).containsExactly(b);
    }

    @Test
    void labelDelayHidesOutcomesUntilTheyArrive() {
        LocalDate d = LocalDate.of(2020, 3, 1);
        HistoryStore h = new HistoryStore(30);
        Declaration x = decl("5", d);
        h.observe(x);
        h.record(x, CLEAN);
        HistoryStore.KeyProfile soon = h.asOf(d.plusDays(10)).profile("importer", "IMPX");
        assertThat(soon.seen()).isEqualTo(1);
        assertThat(soon.labelled()).isZero();
        assertThat(h.asOf(d.plusDays(31)).profile("importer", "IMPX").labelled()).isEqualTo(1);
    }

    @Test
    void smoothedRateAndNewnessFeatures() {
        LocalDate d = LocalDate.of(2020, 3, 1);
        HistoryStore h = new HistoryStore();
        for (int i = 0; i < 10; i++) {
            Declaration x = decl("p" + i, d);
            h.observe(x);
            h.record(x, i < 5 ? FRAUD : CLEAN);
        }
        Declaration q = decl("q", d.plusDays(7));
        float[] f = ModelFeatureVector.extract(q, q.items().get(0), h.asOf(q.declarationDate()));
        List<String> names = ModelFeatureVector.names();
        assertThat(f[names.indexOf("importer.n")]).isEqualTo(10f);
        // global prior 0.5, 5 of 10 frauds -> (5 + 10 * 0.5) / (10 + 10) = 0.5
        assertThat(f[names.indexOf("importer.rate")]).isEqualTo(0.5f);
        assertThat(f[names.indexOf("importer.days_known")]).isEqualTo(7f);
        assertThat(f[names.indexOf("courier.rate")]).isNaN();
        assertThat(f[names.indexOf("price_dev_hs6_origin")]).isEqualTo(0f);
    }
}
