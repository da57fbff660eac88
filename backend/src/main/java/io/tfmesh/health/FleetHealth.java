package io.tfmesh.health;

import java.util.List;

/**
 * The health of a fleet as the home page shows it, each list bounded whatever the fleet's size.
 *
 * @param worst the worst clusters: the unhealthy first, then by their worst state and name
 * @param clusters how many clusters there are
 * @param unhealthy how many of them are not healthy
 * @param attention the services that need someone (not active nor backup, or not read for too
 * long), the worst first, then by cluster and node
 * @param attentionTotal how many services need someone in all
 */
public record FleetHealth(List<ClusterHealth> worst, long clusters, long unhealthy, List<Needy> attention,
		long attentionTotal) {

	public FleetHealth {
		worst = List.copyOf(worst);
		attention = List.copyOf(attention);
	}

	/** A service that needs someone, with its cluster. */
	public record Needy(long clusterId, String clusterName, ServedReading reading) {
	}

}
