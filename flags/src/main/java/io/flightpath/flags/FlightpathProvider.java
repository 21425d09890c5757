package io.flightpath.flags;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.Value;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

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
    /** The node's snapshot compiled for evaluation; replaced when the node moves to another version. */
    private volatile Compiled compiled;

    private record Compiled(FlagSnapshot snapshot, Map<String, CompiledFlag> flags) {
    }

    private final FlagNode.Listener events = new FlagNode.Listener() {
        @Override
        public void changed(FlagSnapshot before, FlagSnapshot after) {
            compiled();
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
        compiled();
    }

    /** The compiled flags of the node's current snapshot, compiling them if the node moved on. */
    private Map<String, CompiledFlag> compiled() {
        Compiled c = compiled;
        FlagSnapshot now = node.snapshot();
        if (c == null || c.snapshot() != now) {
            c = new Compiled(now, CompiledFlag.all(now, metrics));
            compiled = c;
        }
        return c.flags();
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
        return answer(key, defaultValue, ctx, FlagKind.BOOLEAN);
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
        return answer(key, defaultValue, ctx, FlagKind.VARIANTS);
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
        return failure(key, compiled().get(key), defaultValue, null);
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
        return failure(key, compiled().get(key), defaultValue, null);
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
        return failure(key, compiled().get(key), defaultValue, null);
    }

    @SuppressWarnings("unchecked")
    private <T> ProviderEvaluation<T> answer(String key, T defaultValue, EvaluationContext ctx, FlagKind kind) {
        CompiledFlag flag = compiled().get(key);
        if (flag == null || flag.flag.kind() != kind) {
            return failure(key, flag, defaultValue, kind);
        }
        int answer = flag.evaluate(ctx == null || !flag.needsAccount() ? null : ctx.getTargetingKey());
        int variant = answer >> 2;
        return ProviderEvaluation.<T>builder().value((T) flag.values[variant]).variant(flag.variants[variant])
                .reason(flag.reasons[answer & 3]).build();
    }

    private static <T> ProviderEvaluation<T> failure(String key, CompiledFlag compiledFlag, T defaultValue, FlagKind wanted) {
        Flag flag = compiledFlag == null ? null : compiledFlag.flag;
        ErrorCode code = flag == null ? ErrorCode.FLAG_NOT_FOUND : ErrorCode.TYPE_MISMATCH;
        String message = flag == null ? "no flag " + key
                : "flag " + key + " is " + (flag.kind() == FlagKind.BOOLEAN ? "on/off (a boolean)" : "a variant flag (a string)")
                        + (wanted == null ? "" : ", not " + (wanted == FlagKind.BOOLEAN ? "a boolean" : "a string"));
        return ProviderEvaluation.<T>builder().value(defaultValue).reason(Reason.ERROR.name()).errorCode(code)
                .errorMessage(message).build();
    }
}
