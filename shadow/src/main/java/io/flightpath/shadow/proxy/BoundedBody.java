package io.flightpath.shadow.proxy;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body in memory up to a bound; a longer body cancels the download and
 * completes with null, so one huge answer cannot take the proxy's memory.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] buffer = new byte[1024];
    private int size;
    private Flow.Subscription subscription;

    private BoundedBody(int max) {
        this.max = max;
    }

    static HttpResponse.BodyHandler<byte[]> handler(int max) {
        return info -> new BoundedBody(max);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
            int n = b.remaining();
            if (size + n > max) {
                subscription.cancel();
                result.complete(null);
                return;
            }
            if (size + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(max, Math.max(size + n, buffer.length * 2)));
            }
            b.get(buffer, size, n);
            size += n;
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(Arrays.copyOf(buffer, size));
    }
}
