package io.flightpath.shadow.report;

import io.flightpath.shadow.diff.Classifier;
import io.flightpath.shadow.diff.Outcome;
import io.flightpath.shadow.diff.Response;
import io.flightpath.shadow.diff.Verdict;
import io.flightpath.shadow.proxy.Exchange;
import io.flightpath.shadow.proxy.Failure;
import io.flightpath.shadow.proxy.ProxiedRequest;
import io.flightpath.shadow.proxy.ShadowListener;
import io.flightpath.shadow.rules.Route;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the proxy saw into the report: judges each completed exchange, counts it, and keeps
 * a sample when its fields still want one. Thread-safe.
 */
public final class Recorder implements ShadowListener {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final int STORED_BODY_BYTES = 64 * 1024;

    private final Classifier classifier;
    private final ShadowReport report;
    private final SampleStore samples;
    private final Redactor redactor;
    private final int compareBodyBytes;
    private final Clock clock;

    public Recorder(Classifier classifier, ShadowReport report, SampleStore samples, Redactor redactor,
                    int compareBodyBytes, Clock clock) {
        this.classifier = classifier;
        this.report = report;
        this.samples = samples;
        this.redactor = redactor;
        this.compareBodyBytes = compareBodyBytes;
        this.clock = clock;
    }

    @Override
    public void requested(Route route) {
        report.stats(route.endpoint()).requests.increment();
    }

    @Override
    public void notMirrored(Route route) {
        report.stats(route.endpoint()).notMirrored.increment();
    }

    @Override
    public void dropped(Route route) {
        report.stats(route.endpoint()).dropped.increment();
    }

    @Override
    public void stableFailed(Route route, Failure failure) {
        report.stats(route.endpoint()).stableErrors.increment();
        // the message names the side and the failure, never the request's headers
        LOG.warn("{}: {}", route.endpoint(), failure);
    }

    @Override
    public void completed(Route route, ProxiedRequest request, Exchange stable, Exchange experimental, Exchange secondary) {
        if (!stable.ok()) {
            return; // counted as a stable error; there is nothing to compare against
        }
        Verdict verdict = judge(route, stable, experimental, secondary);
        report.stats(route.endpoint()).record(verdict);
        if (verdict.outcome() != Outcome.MATCH
                && samples.wants(route.endpoint(), Sample.fields(verdict.differences(), verdict.noise()))) {
            samples.add(sample(route, request, stable, experimental, secondary, verdict));
        }
    }

    private Verdict judge(Route route, Exchange stable, Exchange experimental, Exchange secondary) {
        if (!experimental.ok()) {
            return Verdict.error("experimental " + experimental.failure());
        }
        if (tooLarge(stable.response()) || tooLarge(experimental.response())) {
            return Verdict.error("a body is over the " + compareBodyBytes + " bytes compared");
        }
        Optional<Response> second = secondary != null && secondary.ok() && !tooLarge(secondary.response())
                ? Optional.of(secondary.response()) : Optional.empty();
        return classifier.classify(stable.response(), experimental.response(), second, route.rules());
    }

    private boolean tooLarge(Response r) {
        return r.body().length > compareBodyBytes;
    }

    private Sample sample(Route route, ProxiedRequest request, Exchange stable, Exchange experimental,
                          Exchange secondary, Verdict v) {
        return new Sample(UUID.randomUUID().toString(), clock.instant(), route.endpoint(), request.method(),
                request.target(), redactor.headers(request.headers()), body(request.body()),
                side(stable), side(experimental), secondary == null ? null : side(secondary),
                v.outcome(), v.differences(), v.noise(), v.error());
    }

    private Sample.Side side(Exchange e) {
        if (!e.ok()) {
            return null;
        }
        Response r = e.response();
        return new Sample.Side(r.status(), redactor.headers(r.headers()), body(r.body()));
    }

    static Sample.Body body(byte[] bytes) {
        byte[] kept = bytes.length > STORED_BODY_BYTES ? Arrays.copyOf(bytes, STORED_BODY_BYTES) : bytes;
        boolean truncated = kept.length < bytes.length;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(kept)).toString();
            return new Sample.Body("utf-8", text, bytes.length, truncated);
        } catch (CharacterCodingException e) {
            // a cut can split a character; a body that is not UTF-8 at all is kept in base64
            return new Sample.Body("base64", Base64.getEncoder().encodeToString(kept), bytes.length, truncated);
        }
    }
}
