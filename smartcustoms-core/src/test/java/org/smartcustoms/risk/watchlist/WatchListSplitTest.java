package org.smartcustoms.risk.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WatchListSplitTest {
    @Test
    void splitOnSpaceIsStringSplit() {
        SplittableRandom r = new SplittableRandom(5);
        String alphabet = "AB ";
        for (String s : new String[] {"", " ", "   ", "A", "A B", " A", "A ", "A  B", "  A  B  "}) {
            assertThat(NameNormalizer.splitOnSpace(s)).as("'%s'", s).containsExactly(s.split(" "));
        }
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(8);
            for (int k = 0; k < n; k++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String s = sb.toString();
            assertThat(NameNormalizer.splitOnSpace(s)).as("'%s'", s).containsExactly(s.split(" "));
        }
    }
}
