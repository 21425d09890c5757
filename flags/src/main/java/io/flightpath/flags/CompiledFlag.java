package io.flightpath.flags;

import dev.openfeature.sdk.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A flag prepared for evaluation on the request path: its variants by index, the explicit values
 * as indexes, the rollout's bucket threshold, a counter per variant and a small cache of
 * accounts' buckets, so that evaluating an account seen before allocates nothing and hashes
 * nothing. Immutable but for the cache, whose races are benign (an entry is replaced whole, and a
 * lost entry is recomputed). Thread-safe.
 */
final class CompiledFlag {
    static final Reason[] REASONS = {Reason.DISABLED, Reason.TARGETING_MATCH, Reason.SPLIT, Reason.DEFAULT};
    static final int DISABLED = 0;
    static final int TARGETING_MATCH = 1;
    static final int SPLIT = 2;
    static final int DEFAULT = 3;
    /** Slots of the bucket cache; an account may sit in one of two, so that few accounts of a working set push each other out. */
    private static final int CACHE_SIZE = 4096;
    /**
     * A miss replaces a taken slot one time in this many, so that a stream of accounts seen once
     * neither churns the cache (each replacement allocates and stores a new object into a long-lived
     * array, which costs far more than the hash) while a returning account still gets in soon.
     */
    private static final int REPLACE_ONE_MISS_IN = 32;

    /** One account's bucket; replaced whole, so a reader never sees half of two entries. */
    private record Cached(String account, int bucket) {
    }

    final Flag flag;
    final String[] variants;
    final Object[] values;
    final String[] reasons = new String[REASONS.length];
    private final int defaultIndex;
    private final Map<String, Integer> explicit = new HashMap<>();
    private final int rolloutIndex;
    private final int threshold;
    private final Counter[] counters;
    private final Bucketing bucketing;
    private final Cached[] buckets;
    /**
     * The {@code hashCode} of each slot's account, a hint read before the entry so that a miss
     * touches only this array, not the entries scattered on the heap; a stale hint only costs a miss.
     */
    private final int[] hints;

    CompiledFlag(Flag flag, MeterRegistry metrics) {
        this.flag = flag;
        List<String> names = flag.variants();
        variants = names.toArray(String[]::new);
        values = new Object[variants.length];
        for (int i = 0; i < variants.length; i++) {
            values[i] = flag.kind() == FlagKind.BOOLEAN ? (Object) Boolean.valueOf(variants[i]) : variants[i];
        }
        for (int i = 0; i < REASONS.length; i++) {
            reasons[i] = REASONS[i].name();
        }
        defaultIndex = names.indexOf(flag.defaultValue());
        flag.accounts().forEach((sid, value) -> explicit.put(sid, names.indexOf(value)));
        rolloutIndex = flag.rollout() == null ? -1 : names.indexOf(flag.rollout().value());
        threshold = flag.rollout() == null ? 0 : flag.rollout().threshold();
        bucketing = flag.rollout() == null ? null : Bucketing.of(flag.name());
        buckets = flag.rollout() == null ? null : new Cached[CACHE_SIZE];
        hints = flag.rollout() == null ? null : new int[CACHE_SIZE];
        counters = new Counter[variants.length];
        if (metrics != null) {
            for (int i = 0; i < variants.length; i++) {
                counters[i] = Counter.builder("flightpath.flags.evaluations").tag("flag", flag.name()).tag("value", variants[i])
                        .description("flag evaluations by flag and value").register(metrics);
            }
        }
    }

    /**
     * The variant index times 4 plus the reason's index in {@link #REASONS}, packed into one int
     * so that nothing is allocated: kill, then explicit, then rollout, then default.
     */
    int evaluate(String account) {
        int answer = answer(account);
        Counter counter = counters[answer >> 2];
        if (counter != null) {
            counter.increment();
        }
        return answer;
    }

    private int answer(String account) {
        if (flag.killed()) {
            return defaultIndex << 2 | DISABLED;
        }
        if (account != null && !account.isEmpty()) {
            Integer explicitIndex = explicit.isEmpty() ? null : explicit.get(account);
            if (explicitIndex != null) {
                return explicitIndex << 2 | TARGETING_MATCH;
            }
            if (rolloutIndex >= 0 && bucket(account) < threshold) {
                return rolloutIndex << 2 | SPLIT;
            }
        }
        return defaultIndex << 2 | DEFAULT;
    }

    private int bucket(String account) {
        int h = account.hashCode();
        int first = h & (CACHE_SIZE - 1);
        int second = (h >>> 13 ^ h * 0x9E3779B9) & (CACHE_SIZE - 1);
        Cached a = buckets[first];
        if (hints[first] == h && a != null && a.account().equals(account)) {
            return a.bucket();
        }
        Cached b = buckets[second];
        if (hints[second] == h && b != null && b.account().equals(account)) {
            return b.bucket();
        }
        int bucket = bucketing.bucket(account);
        if (a == null || b == null || ThreadLocalRandom.current().nextInt(REPLACE_ONE_MISS_IN) == 0) {
            int slot = a == null || b != null ? first : second;
            buckets[slot] = new Cached(account, bucket);
            hints[slot] = h;
        }
        return bucket;
    }

    /** False when no rule looks at the account (killed, or no explicit value and no rollout): then the caller need not read it. */
    boolean needsAccount() {
        return !flag.killed() && (!explicit.isEmpty() || rolloutIndex >= 0);
    }

    Evaluation evaluation(String account) {
        int answer = answer(account);
        return new Evaluation(variants[answer >> 2], REASONS[answer & 3]);
    }

    /** Every flag of a snapshot, compiled. */
    static Map<String, CompiledFlag> all(FlagSnapshot snapshot, MeterRegistry metrics) {
        Map<String, CompiledFlag> all = new HashMap<>();
        snapshot.flags().forEach((name, flag) -> all.put(name, new CompiledFlag(flag, metrics)));
        return Map.copyOf(all);
    }
}
