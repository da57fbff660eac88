package io.tfmesh.apply;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How approved plans are carried out.
 *
 * @param threads steps that run at the same time in this instance, over all plans and clusters
 * @param pollingInterval how often this instance looks for steps to run that were not handed to
 * it directly (those another instance scheduled, retries that fell due, executions reclaimed
 * from an instance that stopped)
 * @param maxAttempts attempts of one step, the first included, before a transient failure fails it
 * @param backoffBase the wait before the second attempt; each further attempt waits twice as long,
 * with jitter between half of that and all of it
 * @param backoffMax the longest wait between two attempts
 * @param heartbeat how often an instance marks the steps it runs as alive
 * @param missedHeartbeats heartbeats a running step may miss before another instance takes it over
 * (at least 4)
 * @param sweepInterval how often applying plans are checked for steps that are ready but not
 * scheduled and for plans that are finished but not closed, which an instance stopped between
 * two writes leaves behind
 */
@ConfigurationProperties("tfmesh.apply")
public record ApplySettings(@DefaultValue("16") int threads, @DefaultValue("10s") Duration pollingInterval,
		@DefaultValue("5") int maxAttempts, @DefaultValue("1s") Duration backoffBase,
		@DefaultValue("1m") Duration backoffMax, @DefaultValue("30s") Duration heartbeat,
		@DefaultValue("6") int missedHeartbeats, @DefaultValue("30s") Duration sweepInterval) {

	@ConstructorBinding
	public ApplySettings {
		if (threads < 1) {
			throw new IllegalArgumentException("tfmesh.apply.threads must be at least 1, not " + threads);
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("tfmesh.apply.max-attempts must be at least 1, not " + maxAttempts);
		}
		// db-scheduler's own lower bound: fewer would take over steps whose instance is only slow
		if (missedHeartbeats < 4) {
			throw new IllegalArgumentException(
					"tfmesh.apply.missed-heartbeats must be at least 4, not " + missedHeartbeats);
		}
		for (Duration duration : new Duration[] { pollingInterval, backoffBase, backoffMax, heartbeat,
				sweepInterval }) {
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("tfmesh.apply durations must be positive, not " + duration);
			}
		}
		if (backoffMax.compareTo(backoffBase) < 0) {
			throw new IllegalArgumentException(
					"tfmesh.apply.backoff-max " + backoffMax + " is shorter than backoff-base " + backoffBase);
		}
	}

	/** The wait after a failed attempt, before the next one. */
	public Backoff backoff() {
		return new Backoff(backoffBase, backoffMax);
	}

}
