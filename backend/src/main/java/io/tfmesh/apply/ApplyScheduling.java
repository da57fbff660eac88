package io.tfmesh.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler that runs steps, configured here from {@code tfmesh.apply.*} rather than by
 * db-scheduler's Spring Boot starter. It uses tfmesh's own DataSource, starts once the
 * application is up and stops with it, letting running steps finish.
 */
@Configuration(proxyBeanMethods = false)
class ApplyScheduling {

	static final String SWEEP = "plan-sweep";

	private static final Pattern STEP_INSTANCE = Pattern.compile("plan-(\\d+)-step-(\\d+)");

	/**
	 * A step's execution: runs one attempt, and stays queued for the next when the attempt
	 * asks for one. An execution whose instance stopped is picked up again by another.
	 */
	@Bean
	CustomTask<Void> planStepTask(ObjectProvider<StepWorker> worker, ApplySettings settings) {
		return stepTask(worker::getObject, settings);
	}

	static CustomTask<Void> stepTask(Supplier<StepWorker> worker, ApplySettings settings) {
		return Tasks.custom(StepQueue.STEP)
			.onDeadExecutionRevive()
			// only a database failure gets here: the step stays as it is and is tried again
			.onFailure(new FailureHandler.OnFailureRetryLater<>(settings.backoffBase()))
			.execute((instance, context) -> {
				Matcher ids = STEP_INSTANCE.matcher(instance.getId());
				if (!ids.matches()) {
					return new CompletionHandler.OnCompleteRemove<>();
				}
				Optional<Instant> retry = worker.get().run(Long.parseLong(ids.group(1)), Long.parseLong(ids.group(2)));
				if (retry.isPresent()) {
					return (complete, operations) -> operations.reschedule(complete, retry.get());
				}
				return new CompletionHandler.OnCompleteRemove<>();
			});
	}

	/** Repairs what an instance stopped between two writes leaves behind, on every instance in turn. */
	@Bean
	RecurringTask<Void> planSweepTask(ObjectProvider<PlanCompletion> completion, ObjectProvider<PlanRecords> records,
			ApplySettings settings) {
		return Tasks.recurring(SWEEP, FixedDelay.of(settings.sweepInterval())).execute((instance, context) -> {
			for (long planId : records.getObject().applyingPlans()) {
				completion.getObject().settle(planId);
			}
		});
	}

	@Bean
	StepScheduler stepScheduler(DataSource dataSource, ApplySettings settings, CustomTask<Void> planStepTask,
			RecurringTask<Void> planSweepTask) {
		return new StepScheduler(builder(dataSource, settings, planStepTask, planSweepTask, instanceName()).build());
	}

	@Bean
	Scheduler applyScheduler(StepScheduler stepScheduler) {
		return stepScheduler.scheduler();
	}

	/** A scheduler over the given database with tfmesh's apply settings and tasks. */
	static SchedulerBuilder builder(DataSource dataSource, ApplySettings settings, CustomTask<Void> planStepTask,
			RecurringTask<Void> planSweepTask, String name) {
		return Scheduler.create(dataSource, List.of(planStepTask))
			.startTasks(planSweepTask)
			.threads(settings.threads())
			.pollingInterval(settings.pollingInterval())
			.heartbeatInterval(settings.heartbeat())
			.missedHeartbeatsLimit(settings.missedHeartbeats())
			.enableImmediateExecution()
			.schedulerName(new SchedulerName.Fixed(name))
			.shutdownMaxWait(Duration.ofSeconds(30));
	}

	/** Unique among instances on one host, for the picked_by column. */
	private static String instanceName() {
		return new SchedulerName.Hostname().getName() + "-" + ProcessHandle.current().pid();
	}

	/**
	 * Starts the scheduler with the application and stops it when the application closes, letting
	 * running steps finish. A db-scheduler cannot start again once stopped, while a Spring context
	 * can be stopped and started again (a paused context, a test context's cache): a stop only
	 * pauses it, so that it takes no new step until started again, and the close stops it.
	 */
	static final class StepScheduler implements SmartLifecycle, DisposableBean {

		private final Scheduler scheduler;

		private volatile boolean running;

		private boolean started;

		StepScheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
		}

		Scheduler scheduler() {
			return scheduler;
		}

		@Override
		public synchronized void start() {
			if (started) {
				scheduler.resume();
			}
			else {
				scheduler.start();
				started = true;
			}
			running = true;
		}

		@Override
		public synchronized void stop() {
			running = false;
			if (started) {
				scheduler.pause();
			}
		}

		@Override
		public boolean isRunning() {
			return running;
		}

		@Override
		public synchronized void destroy() {
			running = false;
			scheduler.stop();
		}

	}

}
