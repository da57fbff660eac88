package io.tfmesh.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the health collectors poll the clusters, apart from the full observation.
 *
 * @param pollInterval how often each cluster's TF services are read; a reading older than
 * three intervals is served as {@code unknown}
 * @param parallelism how many introspect and container reads are in flight at once, over all
 * clusters
 * @param requestTimeout for one introspect request to answer (contrail-status's own default is 5 s)
 * @param retention how long the history of state changes is kept
 * @param scheduled whether polls run on their own; without it a cluster is polled only when
 * asked through the API
 */
@ConfigurationProperties("tfmesh.health")
public record HealthSettings(@DefaultValue("30s") Duration pollInterval, @DefaultValue("16") int parallelism,
		@DefaultValue("5s") Duration requestTimeout, @DefaultValue("7d") Duration retention,
		@DefaultValue("true") boolean scheduled) {

	/** A reading this many intervals old is no longer believed. */
	public static final int STALE_INTERVALS = 3;

	public HealthSettings {
		if (pollInterval.isZero() || pollInterval.isNegative()) {
			throw new IllegalArgumentException("tfmesh.health.poll-interval must be positive");
		}
		if (parallelism < 1) {
			throw new IllegalArgumentException("tfmesh.health.parallelism must be at least 1");
		}
		if (requestTimeout.isZero() || requestTimeout.isNegative()) {
			throw new IllegalArgumentException("tfmesh.health.request-timeout must be positive");
		}
		if (retention.compareTo(Duration.ofHours(1)) < 0) {
			throw new IllegalArgumentException("tfmesh.health.retention must be at least an hour");
		}
	}

	/** The age from which a reading is served as unknown. */
	public Duration staleAfter() {
		return pollInterval.multipliedBy(STALE_INTERVALS);
	}

}
