package io.tfmesh.health;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

import io.tfmesh.inventory.ClusterService;
import io.tfmesh.system.error.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Polls every cluster each {@code tfmesh.health.poll-interval}, apart from the full observation.
 * A cluster still being polled from the round before sits this one out.
 */
@Component
class HealthScheduler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(HealthScheduler.class);

	private final HealthCollector collector;

	private final HealthService health;

	private final ClusterService clusters;

	private final TaskScheduler scheduler;

	private final ExecutorService polls;

	private final HealthSettings settings;

	private final Clock clock;

	private final Set<Long> busy = ConcurrentHashMap.newKeySet();

	private volatile ScheduledFuture<?> task;

	HealthScheduler(HealthCollector collector, HealthService health, ClusterService clusters, TaskScheduler scheduler,
			@Qualifier("healthPolls") ExecutorService polls, HealthSettings settings, Clock clock) {
		this.collector = collector;
		this.health = health;
		this.clusters = clusters;
		this.scheduler = scheduler;
		this.polls = polls;
		this.settings = settings;
		this.clock = clock;
	}

	/** Starts a poll of every cluster that is not still being polled. */
	void round() {
		health.prune();
		List<Long> ids = clusters.ids();
		for (long id : ids) {
			if (!busy.add(id)) {
				log.info("Cluster {} sits this health poll out: its previous poll has not finished", id);
				continue;
			}
			try {
				polls.execute(() -> poll(id));
			}
			catch (RejectedExecutionException ex) {
				busy.remove(id);
			}
		}
	}

	private void poll(long clusterId) {
		try {
			collector.poll(clusterId);
		}
		catch (NotFoundException ex) {
			// deleted since the round started
		}
		catch (RuntimeException ex) {
			log.warn("Health poll of cluster {} failed", clusterId, ex);
		}
		finally {
			busy.remove(clusterId);
		}
	}

	@Override
	public void start() {
		if (settings.scheduled()) {
			task = scheduler.scheduleAtFixedRate(this::round, clock.instant().plus(settings.pollInterval()),
					settings.pollInterval());
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

}
