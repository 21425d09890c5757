package io.flightpath.flags;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Flightpath's OpenFeature provider: evaluates from its {@link FlagNode}'s snapshot in memory
 * (no database or network call per evaluation), with the AccountSid as the targeting key.
 * On/off flags answer boolean evaluations, variant flags string evaluations; any other type is a
 * TYPE_MISMATCH. Emits PROVIDER_CONFIGURATION_CHANGED with the changed flags when the snapshot
 * moves, PROVIDER_STALE when the node goes stale and PROVIDER_READY when it is current again.
 */
public final class FlightpathProvider extends EventProvider {
    private static final Metadata METADATA = () -> "flightpath";

    private final FlagNode node;
    private final MeterRegistry metrics;
    /** One counter per variant of each flag, in the flag's variant order; built on first use. */
    private final Map<String, Counter[]> counters = new ConcurrentHashMap<>();
    private final FlagNode.Listener events = new FlagNode.Listener() {
        @Override
        public void changed(FlagSnapshot before, FlagSnapshot after) {
            emitProviderConfigurationChanged(ProviderEventDetails.builder().flagsChanged(after.changedFrom(before))
                    .message("flags version " + after.version()).build());
        }

        @Override
        public void stale(String reason) {
            emitProviderStale(ProviderEventDetails.builder().message(reason).build());
        }

        @Override
        public void current() {
            emitProviderReady(ProviderEventDetails.builder().message("flags version " + node.snapshot().version()).build());
        }
    };

    public FlightpathProvider(FlagNode node, MeterRegistry metrics) {
        this.node = node;
        this.metrics = metrics;
    }

    @Override
    public Metadata getMetadata() {
        return METADATA;
    }

    @Override
    public void initialize(EvaluationContext context) {
        node.addListener(events);
    }

    @Override
    public void shutdown() {
        node.removeListener(events);
        super.shutdown();
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext ctx) {
        return answer(key, defaultValue, ctx, FlagKind.BOOLEAN, Boolean::valueOf);
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
        return answer(key, defaultValue, ctx, FlagKind.VARIANTS, Function.identity());
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
        return failure(key, node.snapshot().flags().get(key), defaultValue, null);
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
        return failure(key, node.snapshot().flags().get(key), defaultValue, null);
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
        return failure(key, node.snapshot().flags().get(key), defaultValue, null);
    }

    private <T> ProviderEvaluation<T> answer(String key, T defaultValue, EvaluationContext ctx, FlagKind kind, Function<String, T> type) {
        Flag flag = node.snapshot().flags().get(key);
        if (flag == null || flag.kind() != kind) {
            return failure(key, flag, defaultValue, kind);
        }
        Evaluation e = evaluate(flag, ctx);
        return ProviderEvaluation.<T>builder().value(type.apply(e.value())).variant(e.value()).reason(e.reason().name()).build();
    }

    private Evaluation evaluate(Flag flag, EvaluationContext ctx) {
        Evaluation e = Evaluator.evaluate(flag, ctx == null ? null : ctx.getTargetingKey());
        int variant = flag.variants().indexOf(e.value());
        if (variant >= 0) {
            counters.computeIfAbsent(flag.name(), n -> counters(flag))[variant].increment();
        }
        return e;
    }

    private Counter[] counters(Flag flag) {
        Counter[] all = new Counter[flag.variants().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = Counter.builder("flightpath.flags.evaluations").tag("flag", flag.name()).tag("value", flag.variants().get(i))
                    .description("flag evaluations by flag and value").register(metrics);
        }
        return all;
    }

    private static <T> ProviderEvaluation<T> failure(String key, Flag flag, T defaultValue, FlagKind wanted) {
        ErrorCode code = flag == null ? ErrorCode.FLAG_NOT_FOUND : ErrorCode.TYPE_MISMATCH;
        String message = flag == null ? "no flag " + key
                : "flag " + key + " is " + (flag.kind() == FlagKind.BOOLEAN ? "on/off (a boolean)" : "a variant flag (a string)")
                        + (wanted == null ? "" : ", not " + (wanted == FlagKind.BOOLEAN ? "a boolean" : "a string"));
        return ProviderEvaluation.<T>builder().value(defaultValue).reason(Reason.ERROR.name()).errorCode(code)
                .errorMessage(message).build();
    }
}
