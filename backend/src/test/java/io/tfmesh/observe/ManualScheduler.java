package io.tfmesh.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A task scheduler on a clock of its own that stands still: tasks run when a test moves the
 * clock past their time, on the test's thread, in the order of their times.
 */
final class ManualScheduler implements TaskScheduler {

	private final ManualClock clock;

	private final List<Task> tasks = new ArrayList<>();

	ManualScheduler(Instant start) {
		this.clock = new ManualClock(start);
	}

	@Override
	public Clock getClock() {
		return clock;
	}

	/** Moves the clock to the given time, running every task due by then. */
	void advanceTo(Instant time) {
		while (true) {
			Optional<Task> next;
			synchronized (this) {
				next = tasks.stream()
					.filter(task -> !task.isDone() && !task.at.isAfter(time))
					.min(Comparator.comparing(task -> task.at));
				next.ifPresent(task -> {
					clock.now = task.at.isAfter(clock.now) ? task.at : clock.now;
					task.ran = true;
				});
			}
			if (next.isEmpty()) {
				break;
			}
			next.get().runnable.run();
		}
		clock.now = time;
	}

	void advance(Duration duration) {
		advanceTo(clock.now.plus(duration));
	}

	/** The times of the tasks still to run. */
	synchronized List<Instant> pending() {
		return tasks.stream().filter(task -> !task.isDone()).map(task -> task.at).sorted().toList();
	}

	@Override
	public synchronized ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		Task scheduled = new Task(task, startTime);
		tasks.add(scheduled);
		return scheduled;
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		throw new UnsupportedOperationException();
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		throw new UnsupportedOperationException();
	}

	private final class Task implements ScheduledFuture<Object> {

		private final Runnable runnable;

		private final Instant at;

		private volatile boolean ran;

		private volatile boolean cancelled;

		Task(Runnable runnable, Instant at) {
			this.runnable = runnable;
			this.at = at;
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(Duration.between(clock.now, at));
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			synchronized (ManualScheduler.this) {
				if (ran) {
					return false;
				}
				cancelled = true;
				return true;
			}
		}

		@Override
		public boolean isCancelled() {
			return cancelled;
		}

		@Override
		public boolean isDone() {
			return ran || cancelled;
		}

		@Override
		public Object get() {
			return null;
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			return null;
		}

	}

	private static final class ManualClock extends Clock {

		private volatile Instant now;

		ManualClock(Instant start) {
			this.now = start;
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("tfmesh works in UTC");
		}

	}

}
