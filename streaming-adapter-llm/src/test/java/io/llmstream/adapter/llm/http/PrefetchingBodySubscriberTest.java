package io.llmstream.adapter.llm.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmstream.testkit.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PrefetchingBodySubscriberTest {

    /** A subscription that only counts what was requested and whether it was cancelled. */
    private static final class CountingSubscription implements Flow.Subscription {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void request(long n) {
            requested.addAndGet(n);
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }

    private static List<ByteBuffer> delivery(String text) {
        return List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static InputStream body(PrefetchingBodySubscriber subscriber) throws Exception {
        return subscriber.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS);
    }

    @Test
    void shouldRequestAFewDeliveriesAheadAndOneMorePerDeliveryRead() throws Exception {
        PrefetchingBodySubscriber subscriber = new PrefetchingBodySubscriber();
        CountingSubscription subscription = new CountingSubscription();
        subscriber.onSubscribe(subscription);
        assertThat(subscription.requested).hasValue(PrefetchingBodySubscriber.PREFETCH);

        subscriber.onNext(delivery("data: eins\n\n"));
        subscriber.onNext(delivery("data: zwei\n\n"));
        InputStream in = body(subscriber);
        byte[] buffer = new byte[64];

        assertThat(new String(buffer, 0, in.read(buffer), StandardCharsets.UTF_8)).isEqualTo("data: eins\n\n");
        assertThat(subscription.requested).as("nothing more until a delivery is read to its end")
                .hasValue(PrefetchingBodySubscriber.PREFETCH);
        assertThat(new String(buffer, 0, in.read(buffer), StandardCharsets.UTF_8)).isEqualTo("data: zwei\n\n");
        assertThat(subscription.requested).hasValue(PrefetchingBodySubscriber.PREFETCH + 1);
    }

    @Test
    void shouldReadDeliveriesInSmallPiecesAndEndAfterTheLast() throws Exception {
        PrefetchingBodySubscriber subscriber = new PrefetchingBodySubscriber();
        subscriber.onSubscribe(new CountingSubscription());
        subscriber.onNext(List.of(ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII)),
                ByteBuffer.allocate(0), ByteBuffer.wrap("def".getBytes(StandardCharsets.US_ASCII))));
        subscriber.onNext(delivery("gh"));
        subscriber.onComplete();

        assertThat(new String(body(subscriber).readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("abcdefgh");
        assertThat(body(subscriber).read()).isEqualTo(-1);
    }

    @Test
    void shouldHandOverTheClientsBuffersThemselvesAndNullAtTheEnd() throws Exception {
        PrefetchingBodySubscriber subscriber = new PrefetchingBodySubscriber();
        CountingSubscription subscription = new CountingSubscription();
        subscriber.onSubscribe(subscription);
        ByteBuffer first = ByteBuffer.wrap("data: eins\n\n".getBytes(StandardCharsets.UTF_8));
        ByteBuffer second = ByteBuffer.wrap("data: zwei\n\n".getBytes(StandardCharsets.UTF_8));
        subscriber.onNext(List.of(first, ByteBuffer.allocate(0), second));
        subscriber.onComplete();
        PrefetchingBodySubscriber.Body body = subscriber.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS);

        assertThat(body.next()).as("the same buffer, not a copy").isSameAs(first);
        assertThat(body.next()).isSameAs(second);
        assertThat(body.next()).isNull();
        assertThat(subscription.requested).as("the delivery was read: one more requested")
                .hasValue(PrefetchingBodySubscriber.PREFETCH + 1);
    }

    @Test
    void shouldBlockUntilTheNextDeliveryArrives() throws Exception {
        PrefetchingBodySubscriber subscriber = new PrefetchingBodySubscriber();
        subscriber.onSubscribe(new CountingSubscription());
        InputStream in = body(subscriber);
        Thread reader = Thread.currentThread();
        Thread.ofVirtual().start(() -> {
            Threads.awaitParked(reader, Duration.ofSeconds(5)); // the read below waits for this delivery
            subscriber.onNext(delivery("spät"));
        });

        assertThat(new String(in.readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("spät");
    }

    @Test
    void shouldReportTheUpstreamsErrorAfterTheBytesBeforeIt() throws Exception {
        PrefetchingBodySubscriber subscriber = new PrefetchingBodySubscriber();
        subscriber.onSubscribe(new CountingSubscription());
        subscriber.onNext(delivery("data: halb"));
        subscriber.onError(new IOException("connection reset"));
        InputStream in = body(subscriber);

        assertThat(new String(in.readNBytes(10), StandardCharsets.UTF_8)).isEqualTo("data: halb");
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("connection reset");
    }

    @Test
    void shouldCancelTheSubscriptionAndWakeABlockedReaderOnClose() throws Exception {
        PrefetchingBodySubscriber subscriber = new PrefetchingBodySubscriber();
        CountingSubscription subscription = new CountingSubscription();
        subscriber.onSubscribe(subscription);
        InputStream in = body(subscriber);
        Thread reader = Thread.currentThread();
        Thread closer = Thread.ofVirtual().start(() -> {
            Threads.awaitParked(reader, Duration.ofSeconds(5)); // the read below is blocked when the close comes
            try {
                in.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
        closer.join();
        assertThat(subscription.cancelled).isTrue();
    }

    @Test
    void shouldCancelASubscriptionThatArrivesAfterClose() throws Exception {
        PrefetchingBodySubscriber subscriber = new PrefetchingBodySubscriber();
        body(subscriber).close();
        CountingSubscription subscription = new CountingSubscription();

        subscriber.onSubscribe(subscription);

        assertThat(subscription.cancelled).isTrue();
        assertThat(subscription.requested).hasValue(0);
    }
}
