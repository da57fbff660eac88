package io.tfmesh.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

import io.tfmesh.emulator.Faults.Fault;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest {

	private final Faults faults = new Faults();

	@Test
	void answersEveryRequestWithoutFaults() {
		assertThat(draws(100)).containsOnly(Fault.ANSWER);
	}

	@Test
	void oneDrawPicksAmongTheSharesInTurn() {
		faults.errorRate(0.2);
		faults.timeoutRate(0.3, Duration.ofSeconds(5));
		faults.lostAnswerRate(0.1, Duration.ofSeconds(2));
		faults.random(drawing(0.0, 0.19, 0.2, 0.49, 0.5, 0.59, 0.6, 0.99));

		assertThat(draws(8)).containsExactly(Fault.UNAVAILABLE, Fault.UNAVAILABLE, Fault.TIMEOUT, Fault.TIMEOUT,
				Fault.LOST_ANSWER, Fault.LOST_ANSWER, Fault.ANSWER, Fault.ANSWER);
		assertThat(faults.hang()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void aSeededGeneratorRepeatsTheSameFaultsInAboutTheirShare() {
		faults.errorRate(0.3);
		faults.random(new SplittableRandom(7));
		List<Fault> first = draws(1000);
		faults.random(new SplittableRandom(7));

		assertThat(draws(1000)).isEqualTo(first);
		assertThat(first.stream().filter(Fault.UNAVAILABLE::equals).count()).isBetween(250L, 350L);
		assertThat(first).containsOnly(Fault.UNAVAILABLE, Fault.ANSWER);
	}

	@Test
	void failsTheNextRequestsWhateverTheShares() {
		faults.timeoutRate(1.0, Duration.ofSeconds(1));
		faults.failNext(2);

		assertThat(draws(3)).containsExactly(Fault.UNAVAILABLE, Fault.UNAVAILABLE, Fault.TIMEOUT);
	}

	@Test
	void refusesSharesOutsideZeroToOneOrAddingUpToMoreThanOne() {
		assertThatThrownBy(() -> faults.errorRate(1.5)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("a fault rate is a share between 0 and 1, not 1.5");
		assertThatThrownBy(() -> faults.errorRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
		faults.errorRate(0.7);
		assertThatThrownBy(() -> faults.timeoutRate(0.4, Duration.ofSeconds(1)))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("the shares of errors (0.7), timeouts (0.4) and lost answers (0.0) add up to more than 1");
		faults.timeoutRate(0.3, Duration.ofSeconds(1));
		assertThatThrownBy(() -> faults.lostAnswerRate(0.1, Duration.ofSeconds(-1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> faults.latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void clearingLeavesNoFaultBehind() {
		faults.latency(Duration.ofMillis(20));
		faults.errorRate(0.5);
		faults.timeoutRate(0.5, Duration.ofSeconds(3));
		faults.failNext(4);

		faults.clear();

		assertThat(draws(100)).containsOnly(Fault.ANSWER);
		assertThat(faults.latency()).isZero();
		assertThat(faults.hang()).isZero();
	}

	private List<Fault> draws(int count) {
		List<Fault> draws = new ArrayList<>();
		IntStream.range(0, count).forEach(i -> draws.add(faults.next()));
		return draws;
	}

	/** Draws these values in turn. */
	private static RandomGenerator drawing(double... values) {
		return new RandomGenerator() {

			private int next;

			@Override
			public double nextDouble() {
				return values[next++];
			}

			@Override
			public long nextLong() {
				throw new UnsupportedOperationException();
			}

		};
	}

}
