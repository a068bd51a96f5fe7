package org.smartcustoms.risk.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.GoodsItem;

class ProfileTableTest {

    @Test
    void holdsManyKeysThroughGrowthWithTheirCounts() {
        ProfileTable t = new ProfileTable();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            int slot = t.findOrAdd(ProfileTable.key(2, ProfileTable.hash("IMP" + i)), "importer=IMP" + i);
            for (int k = 0; k <= i % 3; k++) t.observe(slot, 18_000 + i % 7 - k);
            if (i % 5 == 0) t.label(slot, i % 10 == 0, false);
        }
        assertThat(t.size()).isEqualTo(n);
        for (int i = 0; i < n; i += 997) {
            int slot = t.find(ProfileTable.key(2, ProfileTable.hash("IMP" + i)));
            assertThat(slot).isNotNegative();
            assertThat(t.text(slot)).isEqualTo("importer=IMP" + i);
            assertThat(t.seen(slot)).isEqualTo(1 + i % 3);
            assertThat(t.firstSeen(slot)).isEqualTo(18_000 + i % 7 - i % 3);
            assertThat(t.labelled(slot)).isEqualTo(i % 5 == 0 ? 1 : 0);
            assertThat(t.frauds(slot)).isEqualTo(i % 10 == 0 ? 1 : 0);
        }
        assertThat(t.find(ProfileTable.key(2, ProfileTable.hash("IMP" + n)))).isEqualTo(-1);
        // the same value under another key kind is another entry
        assertThat(t.find(ProfileTable.key(1, ProfileTable.hash("IMP7")))).isEqualTo(-1);
    }

    @Test
    void keysByTextAgreeWithKeysFromTheDeclaration() {
        Declaration d = HistoryStoreTest.decl("1", LocalDate.of(2020, 3, 1));
        GoodsItem item = d.items().get(0);
        String[] text = ModelFeatureVector.keyValues(d, item);
        long[] keys = ModelFeatureVector.keyHashes(d, item);
        Set<Long> distinct = new HashSet<>();
        for (int k = 0; k < text.length; k++) {
            assertThat(keys[k] == 0).as(ModelFeatureVector.KEYS.get(k)).isEqualTo(text[k] == null);
            if (text[k] == null) continue;
            assertThat(ModelFeatureVector.keyOf(k, text[k])).as(ModelFeatureVector.KEYS.get(k)).isEqualTo(keys[k]);
            distinct.add(keys[k]);
        }
        assertThat(distinct).hasSizeGreaterThan(15);
    }

    /**
     * History files of the older feature schemas (SMH1 text keys, SMH2 log prices without dates) are refused with
     * a clear message: their prices cannot be turned into the dated unit values the one price norm needs, and the
     * models saved with them fail the dossier's schema check anyway.
     */
    @Test
    void refusesHistoryFilesOfOlderFeatureSchemas() {
        for (int magic : new int[] {0x534d4831, 0x534d4832}) {
            byte[] bytes = java.nio.ByteBuffer.allocate(4).putInt(magic).array();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> HistoryStore.readFrom(new ByteArrayInputStream(bytes)))
                    .isInstanceOf(java.io.IOException.class).hasMessageContaining("retrain the model");
        }
    }

    /** A history that observed and labelled every item's declaration, with everything applied. */
    private static HistoryStore replayed(List<LabelledItem> items) {
        HistoryStore h = new HistoryStore();
        for (LabelledItem li : items) {
            h.observe(li.declaration());
            h.record(li.declaration(), li.label());
        }
        return h.asOf(LocalDate.of(2100, 1, 1));
    }

    @Test
    void roundTripsProfilesAndPriceNorms() throws Exception {
        List<LabelledItem> items = KcsFixtures.items(300, 30, 3);
        HistoryStore h = replayed(items);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        h.writeTo(bytes);
        HistoryStore back = HistoryStore.readFrom(new ByteArrayInputStream(bytes.toByteArray()));
        for (LabelledItem li : items.subList(0, 50)) {
            float[] a = ModelFeatureVector.extract(li.declaration(), li.item(), h);
            float[] b = ModelFeatureVector.extract(li.declaration(), li.item(), back);
            assertThat(b).containsExactly(a);
        }
        assertThat(back.globalFraudRate()).isEqualTo(h.globalFraudRate());
    }

    /**
     * Features read through the table (hashes, declaration-level memo, batched probes) equal the profiles
     * looked up one by one by their text, whatever order items and declarations are scored in.
     */
    @Test
    void featuresAgreeWithProfilesLookedUpByText() {
        List<LabelledItem> items = KcsFixtures.items(600, 60, 3);
        HistoryStore h = replayed(items);
        List<String> names = ModelFeatureVector.names();
        java.util.Random r = new java.util.Random(5);
        int checked = 0;
        for (int n = 0; n < 400; n++) {
            LabelledItem li = items.get(r.nextInt(items.size()));
            float[] x = ModelFeatureVector.extract(li.declaration(), li.item(), h);
            String[] text = ModelFeatureVector.keyValues(li.declaration(), li.item());
            for (int k = 0; k < text.length; k++) {
                String key = ModelFeatureVector.KEYS.get(k);
                float seen = x[names.indexOf(key + ".seen")];
                float labelled = x[names.indexOf(key + ".n")];
                if (text[k] == null) {
                    assertThat(seen).isNaN();
                    continue;
                }
                HistoryStore.KeyProfile p = h.profile(key, text[k]);
                assertThat(seen).as("%s=%s", key, text[k]).isEqualTo((float) p.seen());
                assertThat(labelled).as("%s=%s", key, text[k]).isEqualTo((float) p.labelled());
                if (p.seen() > 1) checked++;
            }
        }
        assertThat(checked).as("the sample has repeat values").isGreaterThan(1000);
    }
}
