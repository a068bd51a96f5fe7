package org.smartcustoms.server.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The MRNs the intake gives new declarations: their form, their order in time, their random part. */
class MrnTest {

    @Test
    void anMrnIsTheYearScTheSecondOfTheYearAndNineRandomCharacters() {
        Random random = new Random(1);
        assertThat(DeclarationIntake.mrn(Instant.parse("2026-01-01T00:00:00Z"), random)).matches("26SC00000[0-9A-Z]{9}");
        // 36 s = "10" in base 36; the last second of a leap year is 31,622,399 = "ITRZZ" in base 36
        assertThat(DeclarationIntake.mrn(Instant.parse("2026-01-01T00:00:36.999Z"), random)).matches("26SC00010[0-9A-Z]{9}");
        assertThat(DeclarationIntake.mrn(Instant.parse("2028-12-31T23:59:59Z"), random)).matches("28SCITRZZ[0-9A-Z]{9}");
        assertThat(DeclarationIntake.mrn(Instant.parse("2100-03-04T05:06:07Z"), random)).matches("00SC[0-9A-Z]{14}");
    }

    @Test
    void laterSecondsOfAYearGiveGreaterMrns() {
        Random random = new Random(2);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        String before = DeclarationIntake.mrn(t, random);
        for (int i = 0; i < 20_000; i++) {
            t = t.plusSeconds(1 + random.nextInt(2_000));
            if (t.isAfter(Instant.parse("2026-12-31T23:59:59Z"))) break;
            String next = DeclarationIntake.mrn(t, random);
            assertThat(next).as("at %s", t).isGreaterThan(before);
            before = next;
        }
    }

    @Test
    void theLastNineCharactersAreDrawnUniformlyAndDoNotRepeat() {
        Random random = new Random(3);
        Instant t = Instant.parse("2026-06-01T12:00:00Z");
        Set<String> seen = new HashSet<>();
        List<Map<Character, Integer>> counts = new ArrayList<>();
        for (int k = 0; k < 9; k++) counts.add(new HashMap<>());
        int n = 72_000;
        for (int i = 0; i < n; i++) {
            String id = DeclarationIntake.mrn(t, random);
            assertThat(id).matches("\\d{2}SC[0-9A-Z]{14}");
            assertThat(seen.add(id)).as("%s drawn twice", id).isTrue();
            for (int k = 0; k < 9; k++) counts.get(k).merge(id.charAt(9 + k), 1, Integer::sum);
        }
        for (Map<Character, Integer> c : counts) {
            assertThat(c).hasSize(36);
            // 2,000 expected per character; a uniform draw stays within +-15 % (more than 6 standard deviations)
            assertThat(c.values()).allSatisfy(v -> assertThat(v).isBetween(1_700, 2_300));
        }
    }
}
