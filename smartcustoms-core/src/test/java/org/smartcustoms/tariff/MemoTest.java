package org.smartcustoms.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class MemoTest {
    @Test
    void computesEachKeyOnceUntilFullThenStartsAgain() {
        AtomicInteger calls = new AtomicInteger();
        Memo<Integer, String> memo = new Memo<>(2);
        assertThat(memo.get(1, k -> "v" + k + "#" + calls.incrementAndGet())).isEqualTo("v1#1");
        assertThat(memo.get(1, k -> "v" + k + "#" + calls.incrementAndGet())).isEqualTo("v1#1");
        assertThat(memo.get(2, k -> "v" + k + "#" + calls.incrementAndGet())).isEqualTo("v2#2");
        // full: the third key empties it, so key 1 is computed again
        assertThat(memo.get(3, k -> "v" + k + "#" + calls.incrementAndGet())).isEqualTo("v3#3");
        assertThat(memo.get(1, k -> "v" + k + "#" + calls.incrementAndGet())).isEqualTo("v1#4");
        assertThat(calls).hasValue(4);
        assertThatThrownBy(() -> new Memo<>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
