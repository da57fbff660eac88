package io.tfmesh.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import io.tfmesh.system.error.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;

/**
 * Rounds of observation over every cluster. A round spreads its clusters evenly over the
 * interval, so the fleet is read at a steady pace rather than all at once; each cluster's
 * observation runs on a bounded pool, so a slow cluster holds one of its threads and never the
 * others. A cluster whose previous observation has not finished when its turn comes again is
 * left out of that round, and an observation still running at its deadline is interrupted.
 */
final class ObservationRounds {

	private static final Logger log = LoggerFactory.getLogger(ObservationRounds.class);

	private final Supplier<List<Long>> clusterIds;

	private final LongConsumer observation;

	private final TaskScheduler scheduler;

	private final Executor executor;

	private final Duration interval;

	private final Duration deadline;

	private final Clock clock;

	// queued or running, so that a cluster is never observed twice at the same time
	private final Set<Long> busy = ConcurrentHashMap.newKeySet();

	private final List<ScheduledFuture<?>> pending = new ArrayList<>();

	/**
	 * @param observation reads one cluster and keeps what it read
	 * @param deadline how long one cluster's observation may run before it is interrupted
	 */
	ObservationRounds(Supplier<List<Long>> clusterIds, LongConsumer observation, TaskScheduler scheduler,
			Executor executor, Duration interval, Duration deadline, Clock clock) {
		this.clusterIds = clusterIds;
		this.observation = observation;
		this.scheduler = scheduler;
		this.executor = executor;
		this.interval = interval;
		this.deadline = deadline;
		this.clock = clock;
	}

	/**
	 * When each cluster's turn comes in a round: the i-th of n at {@code start + i × interval / n}.
	 */
	static List<Turn> plan(List<Long> clusterIds, Instant start, Duration interval) {
		int count = clusterIds.size();
		List<Turn> turns = new ArrayList<>(count);
		for (int index = 0; index < count; index++) {
			Duration offset = interval.multipliedBy(index).dividedBy(count);
			turns.add(new Turn(clusterIds.get(index), start.plus(offset)));
		}
		return turns;
	}

	/** Starts a round now: every cluster registered now gets its turn within the interval. */
	synchronized void startRound() {
		pending.removeIf(ScheduledFuture::isDone);
		for (Turn turn : plan(clusterIds.get(), clock.instant(), interval)) {
			pending.add(scheduler.schedule(() -> dispatch(turn.clusterId()), turn.at()));
		}
	}

	/** Drops the turns not taken yet; observations already running go on to their end. */
	synchronized void cancel() {
		pending.forEach(turn -> turn.cancel(false));
		pending.clear();
	}

	/**
	 * Hands the cluster's observation to the pool.
	 * @return false when the cluster is still being observed (or waits for a thread) from an
	 * earlier turn, or the pool is shut down
	 */
	boolean dispatch(long clusterId) {
		if (!busy.add(clusterId)) {
			log.info("Cluster {} is left out of this observation round: its previous observation has not finished",
					clusterId);
			return false;
		}
		try {
			executor.execute(() -> observe(clusterId));
			return true;
		}
		catch (RejectedExecutionException ex) {
			busy.remove(clusterId);
			return false;
		}
	}

	boolean busy(long clusterId) {
		return busy.contains(clusterId);
	}

	private void observe(long clusterId) {
		Running running = new Running(Thread.currentThread());
		ScheduledFuture<?> watchdog;
		try {
			watchdog = scheduler.schedule(() -> {
				if (running.interrupt()) {
					log.warn("Observing cluster {} did not finish within {}s; interrupted", clusterId,
							deadline.toSeconds());
				}
			}, clock.instant().plus(deadline));
		}
		catch (RejectedExecutionException ex) {
			// the application is stopping: no observation starts without its deadline
			busy.remove(clusterId);
			return;
		}
		try {
			observation.accept(clusterId);
		}
		catch (NotFoundException ex) {
			// deleted since the round was planned
		}
		catch (RuntimeException ex) {
			log.warn("Observing cluster {} failed: {}", clusterId, ex.toString());
		}
		finally {
			running.finish();
			watchdog.cancel(false);
			busy.remove(clusterId);
			// the pool's thread goes on to the next cluster without this one's interruption
			Thread.interrupted();
		}
	}

	/** @param at when the cluster's observation is handed to the pool */
	record Turn(long clusterId, Instant at) {
	}

	/** An observation in progress, which its deadline interrupts only while it still runs. */
	private static final class Running {

		private final Thread thread;

		private boolean finished;

		Running(Thread thread) {
			this.thread = thread;
		}

		synchronized boolean interrupt() {
			if (finished) {
				return false;
			}
			thread.interrupt();
			return true;
		}

		synchronized void finish() {
			finished = true;
		}

	}

}
