package io.tfmesh.system.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the dashboard's live panels (a cluster's observed state, a mesh's conflicts, the sandbox)
 * keep themselves current: each asks the server for itself again at this interval.
 *
 * @param refreshInterval between two refreshes of a live panel; at least 100 ms
 */
@ConfigurationProperties("tfmesh.ui")
public record LivePages(@DefaultValue("10s") Duration refreshInterval) {

	public LivePages {
		if (refreshInterval.toMillis() < 100) {
			throw new IllegalArgumentException("tfmesh.ui.refresh-interval must be at least 100ms, not " + refreshInterval);
		}
	}

	/** The htmx trigger that refreshes a panel, such as {@code every 10s}. */
	public String trigger() {
		long millis = refreshInterval.toMillis();
		return millis % 1000 == 0 ? "every " + millis / 1000 + "s" : "every " + millis + "ms";
	}

}
