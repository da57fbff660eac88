package io.tfmesh.apply;

import java.time.Clock;
import java.util.List;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Hands steps to the workers: one db-scheduler execution per step, named after the plan and the
 * step, so that a step is never queued twice however often it is handed over.
 */
@Component
class StepQueue {

	static final TaskDescriptor<Void> STEP = TaskDescriptor.of("plan-step");

	private final ObjectProvider<Scheduler> scheduler;

	private final Clock clock;

	/** The scheduler is looked up when first used: its tasks call back into this queue. */
	StepQueue(ObjectProvider<Scheduler> scheduler, Clock clock) {
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/** Queues each step to run now, unless it is queued or running already. */
	void schedule(List<StepRow> steps) {
		Scheduler scheduler = this.scheduler.getObject();
		for (StepRow step : steps) {
			// this instance's scheduler starts it at once; another instance finds it at its next poll
			scheduler.scheduleIfNotExists(STEP.instance(step.executionId()).scheduledTo(clock.instant()));
		}
	}

}
