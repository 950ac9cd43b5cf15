package io.inferdeck.safety.guard;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected into bytes up to a cap: one byte more and the subscription is cancelled (the
 * client drops the connection) and the body completes with {@link TooLarge}. So an endless or huge reply costs
 * at most {@code cap} bytes of memory. One instance per response; the HTTP client calls it serially.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The reply passed the cap. */
    static final class TooLarge extends RuntimeException {
        TooLarge(int cap) {
            super("reply larger than " + cap + " bytes", null, false, false);
        }
    }

    private final int cap;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(int cap) {
        this.cap = cap;
    }

    static HttpResponse.BodyHandler<byte[]> handler(int cap) {
        return info -> new CappedBody(cap);
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
            if (bytes.size() + b.remaining() > cap) {
                subscription.cancel();
                result.completeExceptionally(new TooLarge(cap));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}
