package io.flightpath.core.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyRangeTest {
    @Test
    void ordersKeysAsUnsigned() {
        KeyRange upper = new KeyRange(0x8000000000000000L, -1L);

        assertThat(upper.contains(0xffffffffffffff00L)).isTrue();
        assertThat(upper.contains(5)).isFalse();
        assertThatThrownBy(() -> new KeyRange(-1L, 0)).hasMessageContaining("above its end");
    }

    @Test
    void theComplementCoversEveryOtherKey() {
        assertThat(new KeyRange(10, 20).complement()).containsExactly(new KeyRange(0, 9), new KeyRange(21, -1L));
        assertThat(new KeyRange(0, 20).complement()).containsExactly(new KeyRange(21, -1L));
        assertThat(new KeyRange(0x8000000000000000L, -1L).complement()).containsExactly(new KeyRange(0, Long.MAX_VALUE));
        assertThat(KeyRange.FULL.complement()).isEmpty();
    }
}
