package io.tfmesh.plan;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * On the configured interval ({@code tfmesh.plans.sweep-interval}), closes plans that waited past
 * their expiry and starts the approved plans that are due. Several tfmesh instances may sweep
 * at once: each plan's start is claimed by one of them.
 */
@Component
class PlanSweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PlanSweeper.class);

	private final PlanService plans;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private final Clock clock;

	private volatile ScheduledFuture<?> task;

	PlanSweeper(PlanService plans, TaskScheduler scheduler, PlanSettings settings, Clock clock) {
		this.plans = plans;
		this.scheduler = scheduler;
		this.interval = settings.sweepInterval();
		this.clock = clock;
	}

	@Override
	public void start() {
		if (!interval.isZero() && !interval.isNegative()) {
			task = scheduler.scheduleWithFixedDelay(this::sweep, clock.instant().plus(interval), interval);
		}
	}

	void sweep() {
		try {
			int expired = plans.expireDue();
			int started = plans.startDue();
			if (expired + started > 0) {
				log.info("plans: {} expired, {} started", expired, started);
			}
		}
		catch (RuntimeException ex) {
			log.warn("plan sweep failed: {}", ex.getMessage());
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
