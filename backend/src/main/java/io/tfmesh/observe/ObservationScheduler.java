package io.tfmesh.observe;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;

import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.inventory.ClusterService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Observes every cluster again on the configured interval ({@code tfmesh.fabric.observe-interval}),
 * {@code tfmesh.fabric.observe-parallelism} clusters at a time, in {@link ObservationRounds}.
 */
@Component
class ObservationScheduler implements SmartLifecycle {

	/**
	 * The observer stops waiting for the cluster at the observation timeout; this leaves time
	 * to read its access and store the reading before the observation counts as stuck.
	 */
	static final Duration DEADLINE_MARGIN = Duration.ofSeconds(10);

	private final ObservationRounds rounds;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private final Clock clock;

	private volatile ScheduledFuture<?> task;

	ObservationScheduler(ObservationService observations, ClusterService clusters, TaskScheduler scheduler,
			@Qualifier("observationExecutor") ExecutorService executor, FabricSettings settings, Clock clock) {
		this.scheduler = scheduler;
		this.interval = settings.observeInterval();
		this.clock = clock;
		this.rounds = new ObservationRounds(clusters::ids, observations::observe, scheduler, executor, interval,
				settings.observationTimeout().plus(DEADLINE_MARGIN), clock);
	}

	@Override
	public void start() {
		if (!interval.isZero() && !interval.isNegative()) {
			task = scheduler.scheduleAtFixedRate(rounds::startRound, clock.instant().plus(interval), interval);
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = task;
		if (running != null) {
			running.cancel(false);
		}
		rounds.cancel();
		task = null;
	}

	@Override
	public boolean isRunning() {
		return task != null;
	}

}
