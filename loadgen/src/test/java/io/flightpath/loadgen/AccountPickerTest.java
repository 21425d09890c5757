package io.flightpath.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccountPickerTest {
    private static final int DRAWS = 100_000;

    private static List<LoadAccount> accounts(int n) {
        return IntStream.range(0, n).mapToObj(i -> new LoadAccount("AC%032x".formatted(i), "token" + i)).toList();
    }

    private static Map<LoadAccount, Integer> draw(AccountPicker picker) {
        SplittableRandom random = new SplittableRandom(3);
        Map<LoadAccount, Integer> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(picker.pick(random), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void twoHotAccountsEachDrawTenTimesTheShareOfAColdOne() {
        AccountPicker picker = new AccountPicker(accounts(12));
        Map<LoadAccount, Integer> counts = draw(picker);
        assertThat(picker.hotCount()).isEqualTo(2);
        assertThat(counts).hasSize(12);
        // weights: 2 × 10 + 10 × 1 = 30 tickets
        int hot = DRAWS * 10 / 30;
        int cold = DRAWS / 30;
        for (int i = 0; i < 12; i++) {
            int expected = i < 2 ? hot : cold;
            assertThat(counts.get(picker.accounts().get(i))).isBetween((int) (expected * 0.9), (int) (expected * 1.1));
        }
    }

    @Test
    void aFewAccountsHaveOneHotOne() {
        AccountPicker picker = new AccountPicker(accounts(3));
        assertThat(picker.hotCount()).isEqualTo(1);
        assertThat(draw(picker).get(picker.accounts().get(0))).isGreaterThan(DRAWS * 3 / 4);
    }

    @Test
    void aSingleAccountTakesEverything() {
        AccountPicker picker = new AccountPicker(accounts(1));
        assertThat(picker.hotCount()).isZero();
        assertThat(draw(picker)).containsOnlyKeys(picker.accounts().get(0));
    }
}
