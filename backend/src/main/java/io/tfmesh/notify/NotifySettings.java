package io.tfmesh.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhook deliveries are sent.
 *
 * @param pollInterval how often this instance looks for deliveries that are due (retries, those
 * written by another instance, those whose instance stopped mid-send); new events are sent at
 * once by the instance that wrote them
 * @param timeout how long one attempt may take, connecting included
 * @param maxAttempts attempts of one delivery, the first included, before it is given up as failed
 * @param backoffBase the wait after the first failed attempt; each further one waits twice as long
 * @param backoffMax the longest wait between two attempts
 * @param threads deliveries this instance sends at the same time
 * @param keep how long delivered and given-up deliveries stay listed before they are deleted
 */
@ConfigurationProperties("tfmesh.notify")
public record NotifySettings(@DefaultValue("5s") Duration pollInterval, @DefaultValue("10s") Duration timeout,
		@DefaultValue("10") int maxAttempts, @DefaultValue("10s") Duration backoffBase,
		@DefaultValue("1h") Duration backoffMax, @DefaultValue("4") int threads, @DefaultValue("30d") Duration keep) {

	@ConstructorBinding
	public NotifySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("tfmesh.notify.max-attempts must be at least 1, not " + maxAttempts);
		}
		if (threads < 1) {
			throw new IllegalArgumentException("tfmesh.notify.threads must be at least 1, not " + threads);
		}
		for (Duration duration : new Duration[] { pollInterval, timeout, backoffBase, backoffMax, keep }) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("tfmesh.notify durations must be positive, not " + duration);
			}
		}
		if (backoffMax.compareTo(backoffBase) < 0) {
			throw new IllegalArgumentException(
					"tfmesh.notify.backoff-max " + backoffMax + " is shorter than backoff-base " + backoffBase);
		}
	}

	/** The wait after that many failed attempts: doubling from the base, capped at the maximum. */
	Duration backoff(int failedAttempts) {
		int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
		long millis = backoffBase.toMillis() << doublings;
		return (millis <= 0 || millis > backoffMax.toMillis()) ? backoffMax : Duration.ofMillis(millis);
	}

	/**
	 * How long a claimed delivery stays with the instance that claimed it: longer than an attempt
	 * can take, so that only a stopped instance's claim runs out.
	 */
	Duration claim() {
		return timeout.multipliedBy(2).plusSeconds(30);
	}

}
