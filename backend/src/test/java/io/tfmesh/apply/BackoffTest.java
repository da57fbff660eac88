package io.tfmesh.apply;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

	private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

	@Test
	void eachFailedAttemptDoublesTheWaitUpToTheMaximum() {
		assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
		assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofSeconds(8));
		assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(10));
		assertThat(backoff.ceiling(200)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void theWaitIsDrawnBetweenHalfTheCeilingAndAllOfIt() {
		RandomGenerator random = new SplittableRandom(7);
		Set<Duration> seen = new HashSet<>();
		for (int i = 0; i < 500; i++) {
			Duration delay = backoff.delay(3, random);
			assertThat(delay).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
			seen.add(delay);
		}
		// jitter: steps that failed together do not retry together
		assertThat(seen).hasSizeGreaterThan(100);
	}

	@Test
	void theExtremesOfTheRandomDrawStayInRange() {
		RandomGenerator lowest = new FixedRandom(0);
		assertThat(backoff.delay(1, lowest)).isEqualTo(Duration.ofMillis(500));
		assertThat(backoff.delay(9, new FixedRandom(Long.MAX_VALUE))).isEqualTo(Duration.ofSeconds(10));
	}

	/** Answers {@code nextLong(bound)} with the value, or the largest allowed. */
	private record FixedRandom(long value) implements RandomGenerator {

		@Override
		public long nextLong() {
			return value;
		}

		@Override
		public long nextLong(long bound) {
			return Math.min(value, bound - 1);
		}

	}

}
