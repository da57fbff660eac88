package io.tfmesh.fabric;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tfmesh talks to clusters.
 *
 * @param connectTimeout to open a connection to any cluster API
 * @param requestTimeout for one request to answer
 * @param retries extra attempts after a 502, 503 or 504 of the TF config API
 * @param observationTimeout for a whole observation of one cluster, all sources together
 * @param observeInterval how often every cluster is observed again; 0 turns it off
 */
@ConfigurationProperties("tfmesh.fabric")
public record FabricSettings(@DefaultValue("3s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
		@DefaultValue("2") int retries, @DefaultValue("20s") Duration observationTimeout,
		@DefaultValue("5m") Duration observeInterval) {

	/** Settings for connector tests and tools outside a Spring context. */
	public static FabricSettings defaults() {
		return new FabricSettings(Duration.ofSeconds(3), Duration.ofSeconds(10), 2, Duration.ofSeconds(20),
				Duration.ofMinutes(5));
	}

}
