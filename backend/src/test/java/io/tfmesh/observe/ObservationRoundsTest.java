package io.tfmesh.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import io.tfmesh.observe.ObservationRounds.Turn;
import io.tfmesh.system.error.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ObservationRoundsTest {

	private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	private static final Duration DEADLINE = Duration.ofSeconds(30);

	private final ManualScheduler scheduler = new ManualScheduler(START);

	private final List<Long> observed = new CopyOnWriteArrayList<>();

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	@AfterEach
	void stop() {
		threads.shutdownNow();
	}

	@Test
	void plansEachClusterAtAnEvenShareOfTheInterval() {
		List<Turn> turns = ObservationRounds.plan(List.of(5L, 6L, 7L), START, Duration.ofSeconds(10));

		assertThat(turns).extracting(Turn::clusterId).containsExactly(5L, 6L, 7L);
		assertThat(turns).extracting(Turn::at)
			.containsExactly(START, START.plusNanos(3_333_333_333L), START.plusNanos(6_666_666_666L));
		assertThat(ObservationRounds.plan(List.of(), START, INTERVAL)).isEmpty();
	}

	@Test
	void spreadsARoundOverTheInterval() {
		ObservationRounds rounds = rounds(List.of(1L, 2L, 3L, 4L), observed::add, Runnable::run);

		rounds.startRound();

		assertThat(scheduler.pending()).containsExactly(START, START.plusSeconds(15), START.plusSeconds(30),
				START.plusSeconds(45));
		scheduler.advanceTo(START.plusSeconds(20));
		assertThat(observed).containsExactly(1L, 2L);
		scheduler.advanceTo(START.plus(INTERVAL));
		assertThat(observed).containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void aClusterStillBeingObservedSitsOutItsNextTurn() {
		Queue<Runnable> queued = new ArrayDeque<>();
		ObservationRounds rounds = rounds(List.of(1L), observed::add, queued::add);

		rounds.startRound();
		scheduler.advanceTo(START);
		assertThat(rounds.busy(1)).isTrue();
		// the next round comes while the first observation still waits for a thread
		scheduler.advanceTo(START.plus(INTERVAL));
		rounds.startRound();
		scheduler.advanceTo(START.plus(INTERVAL));

		assertThat(queued).hasSize(1);
		queued.poll().run();
		assertThat(observed).containsExactly(1L);
		assertThat(rounds.busy(1)).isFalse();
		assertThat(rounds.dispatch(1)).isTrue();
	}

	@Test
	void aSlowClusterDoesNotHoldTheOthers() throws Exception {
		CountDownLatch slow = new CountDownLatch(1);
		// a deadline beyond the round, so that only the test ends the slow observation
		ObservationRounds rounds = new ObservationRounds(() -> List.of(1L, 2L, 3L), id -> {
			if (id == 1) {
				waitFor(slow);
			}
			observed.add(id);
		}, scheduler, threads, INTERVAL, INTERVAL.multipliedBy(2), scheduler.getClock());

		rounds.startRound();
		scheduler.advanceTo(START.plus(INTERVAL));

		await().untilAsserted(() -> assertThat(observed).containsExactlyInAnyOrder(2L, 3L));
		assertThat(rounds.busy(1)).isTrue();
		slow.countDown();
		await().untilAsserted(() -> assertThat(observed).containsExactlyInAnyOrder(1L, 2L, 3L));
	}

	@Test
	void anObservationStillRunningAtItsDeadlineIsInterrupted() {
		CountDownLatch never = new CountDownLatch(1);
		List<Boolean> interrupted = new CopyOnWriteArrayList<>();
		ObservationRounds rounds = rounds(List.of(1L), id -> {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				interrupted.add(true);
			}
		}, threads);

		rounds.dispatch(1);
		// the observation's deadline is set when it starts
		await().until(() -> scheduler.pending().contains(START.plus(DEADLINE)));
		scheduler.advanceTo(START.plus(DEADLINE).minusMillis(1));
		assertThat(interrupted).isEmpty();
		assertThat(rounds.busy(1)).isTrue();

		scheduler.advanceTo(START.plus(DEADLINE));

		await().untilAsserted(() -> assertThat(interrupted).containsExactly(true));
		await().until(() -> !rounds.busy(1));
		assertThat(rounds.dispatch(1)).isTrue();
	}

	@Test
	void anObservationThatEndsInTimeLeavesNoDeadlineBehind() {
		ObservationRounds rounds = rounds(List.of(1L, 2L), id -> {
			if (id == 2) {
				throw new NotFoundException("cluster", id);
			}
			observed.add(id);
		}, Runnable::run);

		rounds.startRound();
		scheduler.advanceTo(START.plus(INTERVAL));

		assertThat(observed).containsExactly(1L);
		assertThat(scheduler.pending()).isEmpty();
		assertThat(rounds.busy(1)).isFalse();
		assertThat(rounds.busy(2)).isFalse();
	}

	@Test
	void cancellingDropsTheTurnsNotTakenYet() {
		ObservationRounds rounds = rounds(List.of(1L, 2L), observed::add, Runnable::run);

		rounds.startRound();
		scheduler.advanceTo(START);
		rounds.cancel();
		scheduler.advanceTo(START.plus(INTERVAL));

		assertThat(observed).containsExactly(1L);
	}

	private ObservationRounds rounds(List<Long> ids, LongConsumer observation, Executor executor) {
		return new ObservationRounds(() -> ids, observation, scheduler, executor, INTERVAL, DEADLINE,
				scheduler.getClock());
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
