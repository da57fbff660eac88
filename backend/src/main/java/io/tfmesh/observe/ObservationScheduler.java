package io.tfmesh.observe;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.system.error.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Observes every cluster again on the configured interval ({@code tfmesh.fabric.observe-interval}). */
@Component
class ObservationScheduler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ObservationScheduler.class);

	private final ObservationService observations;

	private final ClusterService clusters;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private final Clock clock;

	private volatile ScheduledFuture<?> task;

	ObservationScheduler(ObservationService observations, ClusterService clusters, TaskScheduler scheduler,
			FabricSettings settings, Clock clock) {
		this.observations = observations;
		this.clusters = clusters;
		this.scheduler = scheduler;
		this.interval = settings.observeInterval();
		this.clock = clock;
	}

	@Override
	public void start() {
		if (!interval.isZero() && !interval.isNegative()) {
			task = scheduler.scheduleWithFixedDelay(this::observeAll, clock.instant().plus(interval),
					interval);
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = task;
		if (running != null) {
			running.cancel(false);
		}
		task = null;
	}

	@Override
	public boolean isRunning() {
		return task != null;
	}

	/** One cluster after the other: each observation is bounded in time, and clusters are few. */
	void observeAll() {
		for (long id : clusters.ids()) {
			try {
				observations.observe(id);
			}
			catch (NotFoundException ex) {
				// deleted since the list was read
			}
			catch (RuntimeException ex) {
				log.warn("Observing cluster {} failed: {}", id, ex.toString());
			}
		}
	}

}
