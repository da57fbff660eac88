package io.tfmesh.system.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.tfmesh.system.retry.Retrying.Backoff;
import io.tfmesh.system.retry.Retrying.Sleeper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The retry facility with a sleeper that records the waits instead of waiting. */
class RetryingTest {

	private static final Backoff NO_JITTER = new Backoff(3, Duration.ofMillis(200), 2.0, Duration.ZERO,
			Duration.ofSeconds(2));

	private final List<Duration> waits = new ArrayList<>();

	private final Sleeper recording = waits::add;

	private final AtomicInteger attempts = new AtomicInteger();

	@Test
	void triesAgainAfterARetryableFailureUntilItWorks() {
		Retrying retrying = new Retrying(NO_JITTER, Transient.class::isInstance, recording);
		String answer = retrying.call("flaky", () -> {
			if (attempts.incrementAndGet() < 3) {
				throw new Transient("attempt " + attempts.get());
			}
			return "done";
		});
		assertThat(answer).isEqualTo("done");
		assertThat(attempts).hasValue(3);
		assertThat(waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400));
	}

	@Test
	void givesUpAfterTheLastRetryWithTheLastFailureUnchanged() {
		Retrying retrying = new Retrying(NO_JITTER, Transient.class::isInstance, recording);
		List<Transient> thrown = new ArrayList<>();
		Throwable failure = catchThrowable(() -> retrying.call("down", () -> {
			attempts.incrementAndGet();
			Transient ex = new Transient("attempt " + attempts.get());
			thrown.add(ex);
			throw ex;
		}));
		assertThat(attempts).hasValue(4);
		assertThat(failure).isSameAs(thrown.get(3));
		assertThat(waits).hasSize(3);
	}

	@Test
	void endsAtOnceOnAFailureThePredicateRefuses() {
		Retrying retrying = new Retrying(NO_JITTER, Transient.class::isInstance, recording);
		IllegalArgumentException refused = new IllegalArgumentException("bad request");
		assertThatThrownBy(() -> retrying.call("refused", () -> {
			attempts.incrementAndGet();
			throw refused;
		})).isSameAs(refused);
		assertThat(attempts).hasValue(1);
		assertThat(waits).isEmpty();
	}

	@Test
	void noRetriesMeansOneAttempt() {
		Retrying retrying = new Retrying(new Backoff(0, Duration.ofMillis(200), 2.0, Duration.ofMillis(100),
				Duration.ofSeconds(2)), Transient.class::isInstance, recording);
		assertThatThrownBy(() -> retrying.call("once", () -> {
			attempts.incrementAndGet();
			throw new Transient("once");
		})).isInstanceOf(Transient.class);
		assertThat(attempts).hasValue(1);
		assertThat(waits).isEmpty();
	}

	@Test
	void doublesTheWaitUpToTheLongest() {
		Retrying retrying = new Retrying(new Backoff(6, Duration.ofMillis(200), 2.0, Duration.ZERO,
				Duration.ofSeconds(1)), Transient.class::isInstance, recording);
		assertThatThrownBy(() -> retrying.call("down", () -> {
			throw new Transient("down");
		})).isInstanceOf(Transient.class);
		assertThat(waits).extracting(Duration::toMillis).containsExactly(200L, 400L, 800L, 1000L, 1000L, 1000L);
	}

	/**
	 * Spring's jitter: the n-th wait w = min(200 ms × 2^n, 2 s) lies within
	 * w ± 100 ms × w / 200 ms, never below 200 ms nor above 2 s.
	 */
	@Test
	void spreadsEachWaitWithinItsBoundsAndTheBoundsGrow() {
		Backoff backoff = new Backoff(5, Duration.ofMillis(200), 2.0, Duration.ofMillis(100), Duration.ofSeconds(2));
		long[][] bounds = { { 200, 300 }, { 200, 600 }, { 400, 1200 }, { 800, 2000 }, { 1000, 2000 } };
		List<Set<Long>> seen = new ArrayList<>();
		for (int n = 0; n < bounds.length; n++) {
			seen.add(new HashSet<>());
		}
		for (int run = 0; run < 200; run++) {
			waits.clear();
			Retrying retrying = new Retrying(backoff, Transient.class::isInstance, recording);
			assertThatThrownBy(() -> retrying.call("down", () -> {
				throw new Transient("down");
			})).isInstanceOf(Transient.class);
			assertThat(waits).hasSize(5);
			for (int n = 0; n < bounds.length; n++) {
				long millis = waits.get(n).toMillis();
				assertThat(millis).as("wait %d of run %d", n + 1, run).isBetween(bounds[n][0], bounds[n][1]);
				seen.get(n).add(millis);
			}
		}
		// jittered: not the same wait every time
		assertThat(seen).allSatisfy(values -> assertThat(values).hasSizeGreaterThan(1));
		// and longer: every third wait exceeds every first one
		assertThat(seen.get(2).stream().mapToLong(Long::longValue).min().getAsLong())
			.isGreaterThan(seen.get(0).stream().mapToLong(Long::longValue).max().getAsLong());
	}

	@Test
	void aZeroDelayIgnoresTheJitter() {
		Retrying retrying = new Retrying(new Backoff(2, Duration.ZERO, 2.0, Duration.ofMillis(100), Duration.ZERO),
				Transient.class::isInstance, recording);
		assertThatThrownBy(() -> retrying.call("down", () -> {
			throw new Transient("down");
		})).isInstanceOf(Transient.class);
		assertThat(waits).containsExactly(Duration.ZERO, Duration.ZERO);
	}

	@Test
	void anInterruptedWaitEndsTheRetriesAndKeepsTheInterrupt() {
		Retrying retrying = new Retrying(NO_JITTER, Transient.class::isInstance, delay -> {
			throw new InterruptedException();
		});
		Transient first = new Transient("first");
		try {
			assertThatThrownBy(() -> retrying.call("interrupted", () -> {
				attempts.incrementAndGet();
				throw first;
			})).isSameAs(first);
			assertThat(attempts).hasValue(1);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void refusesInconsistentSettings() {
		assertThatThrownBy(() -> new Backoff(-1, Duration.ofMillis(200), 2.0, Duration.ZERO, Duration.ofSeconds(2)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("retries");
		assertThatThrownBy(() -> new Backoff(2, Duration.ofMillis(-1), 2.0, Duration.ZERO, Duration.ofSeconds(2)))
			.hasMessageContaining("delay");
		assertThatThrownBy(() -> new Backoff(2, Duration.ofMillis(200), 0.5, Duration.ZERO, Duration.ofSeconds(2)))
			.hasMessageContaining("multiplier");
		assertThatThrownBy(() -> new Backoff(2, Duration.ofSeconds(5), 2.0, Duration.ZERO, Duration.ofSeconds(2)))
			.hasMessageContaining("shorter than the delay");
	}

	private static final class Transient extends RuntimeException {

		Transient(String message) {
			super(message);
		}

	}

}
