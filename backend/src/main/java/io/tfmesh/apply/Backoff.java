package io.tfmesh.apply;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: after the n-th failed attempt the wait is
 * {@code base × 2^(n-1)}, capped at {@code max}, and then drawn between half of it and all of
 * it, so that steps that failed together (a cluster's API came back) do not retry together.
 */
public record Backoff(Duration base, Duration max) {

	/** @param failedAttempts attempts made so far, at least 1 */
	public Duration delay(int failedAttempts, RandomGenerator random) {
		Duration capped = ceiling(failedAttempts);
		long millis = capped.toMillis();
		long half = millis / 2;
		return Duration.ofMillis(half + random.nextLong(millis - half + 1));
	}

	/** The longest wait after that many failed attempts. */
	public Duration ceiling(int failedAttempts) {
		int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
		long millis = base.toMillis() << doublings;
		return (millis <= 0 || millis > max.toMillis()) ? max : Duration.ofMillis(millis);
	}

}
