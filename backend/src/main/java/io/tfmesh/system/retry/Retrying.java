package io.tfmesh.system.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * tfmesh's one way of retrying: Spring's {@link RetryTemplate} with exponential backoff and
 * jitter ({@link RetryPolicy#builder()}), for calls that are safe to repeat. The waits go
 * through a {@link Sleeper}, so that tests see the delays without waiting them.
 *
 * <p>A call that fails for good throws its last failure unchanged, as if it had not been
 * retried: callers keep matching on their own exception types.
 */
public final class Retrying {

	private final RetryTemplate template;

	/**
	 * @param retryable which failures are worth another attempt; any other ends the call at once
	 */
	public Retrying(Backoff backoff, Predicate<Throwable> retryable, Sleeper sleeper) {
		RetryPolicy.Builder builder = RetryPolicy.builder()
			.maxRetries(backoff.retries())
			.delay(backoff.delay())
			.multiplier(backoff.multiplier())
			.predicate(retryable::test);
		// without a first delay there is nothing to cap, and Spring's jitter, scaled by
		// delay / first delay, would divide by zero
		if (!backoff.delay().isZero()) {
			builder.maxDelay(backoff.maxDelay()).jitter(backoff.jitter());
		}
		this.template = new RetryTemplate(new Sleeping(builder.build(), sleeper));
	}

	/**
	 * Runs the attempt, and again after each retryable failure while retries are left.
	 * @param name what is attempted, for the log
	 */
	public <T> T call(String name, Supplier<T> attempt) {
		try {
			return template.execute(new Retryable<T>() {

				@Override
				public T execute() {
					return attempt.get();
				}

				@Override
				public String getName() {
					return name;
				}

			});
		}
		catch (RetryException ex) {
			// the template wraps the last failure; a Supplier throws nothing checked
			Throwable last = ex.getCause();
			if (last instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (last instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(name + " failed", ex);
		}
	}

	/**
	 * How long to wait before each retry: {@code delay}, multiplied by {@code multiplier} for
	 * every further retry and never more than {@code maxDelay}. Spring's jitter spreads the
	 * n-th wait randomly by up to ± {@code jitter} × (wait / {@code delay}), never below
	 * {@code delay}, so that clients that failed together do not come back together.
	 *
	 * @param retries attempts after the first; 0 turns retrying off
	 */
	public record Backoff(int retries, Duration delay, double multiplier, Duration jitter, Duration maxDelay) {

		public Backoff {
			if (retries < 0) {
				throw new IllegalArgumentException("retries must not be negative, not " + retries);
			}
			requireNotNegative("delay", delay);
			requireNotNegative("jitter", jitter);
			requireNotNegative("maxDelay", maxDelay);
			if (multiplier < 1) {
				throw new IllegalArgumentException("the multiplier must be at least 1, not " + multiplier);
			}
			if (maxDelay.compareTo(delay) < 0) {
				throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than the delay " + delay);
			}
		}

		private static void requireNotNegative(String name, Duration duration) {
			if (duration.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative, not " + duration);
			}
		}

	}

	/** Waits between attempts. */
	@FunctionalInterface
	public interface Sleeper {

		/** Really waits. */
		Sleeper THREAD = delay -> TimeUnit.MILLISECONDS.sleep(delay.toMillis());

		void sleep(Duration delay) throws InterruptedException;

	}

	/**
	 * The built policy with its waits handed to the sleeper. The template itself then waits 0
	 * ms. An interrupted wait ends the retries: the caller gets the last failure and the thread
	 * stays interrupted.
	 */
	private record Sleeping(RetryPolicy policy, Sleeper sleeper) implements RetryPolicy {

		@Override
		public boolean shouldRetry(Throwable throwable) {
			return policy.shouldRetry(throwable);
		}

		@Override
		public Duration getTimeout() {
			return policy.getTimeout();
		}

		@Override
		public BackOff getBackOff() {
			BackOff backOff = policy.getBackOff();
			return () -> {
				BackOffExecution execution = backOff.start();
				return () -> {
					long millis = execution.nextBackOff();
					if (millis == BackOffExecution.STOP) {
						return BackOffExecution.STOP;
					}
					try {
						sleeper.sleep(Duration.ofMillis(millis));
						return 0;
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return BackOffExecution.STOP;
					}
				};
			};
		}

	}

}
