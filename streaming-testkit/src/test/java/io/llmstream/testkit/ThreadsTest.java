package io.llmstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadsTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void shouldReturnOnceTheThreadWaitsInTheNamedMethod() throws Exception {
        Thread waiter = Thread.ofVirtual().start(this::waitForRelease);

        Threads.awaitParkedIn(waiter, "ThreadsTest.waitForRelease", Duration.ofSeconds(5));

        assertThat(waiter.getState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
        release.countDown();
        assertThat(waiter.join(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void shouldFailWhenTheThreadWaitsSomewhereElse() throws Exception {
        Thread waiter = Thread.ofVirtual().start(this::waitForRelease);

        assertThatThrownBy(() -> Threads.awaitParkedIn(waiter, "ThreadsTest.somewhereElse", Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not wait in ThreadsTest.somewhereElse")
                .hasMessageContaining("waitForRelease");
        release.countDown();
        assertThat(waiter.join(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void shouldFailWhenTheThreadEndsInsteadOfWaiting() throws Exception {
        Thread quick = Thread.ofVirtual().start(() -> { });
        quick.join();

        assertThatThrownBy(() -> Threads.awaitParked(quick, Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ended instead of waiting");
    }

    private void waitForRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
