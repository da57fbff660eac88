package io.tfmesh.plan;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tfmesh.system.error.ConflictException;

/**
 * A target's last observation is incomplete (409): a plan computed against it could undo what
 * tfmesh did not see, so none is made.
 */
class IncompleteObservationException extends ConflictException {

	/** A target and the sources that did not answer, with why. */
	record Incomplete(long clusterId, String clusterName, List<String> failedSources) {
	}

	private final List<Incomplete> clusters;

	IncompleteObservationException(List<Incomplete> clusters) {
		super(clusters.stream()
			.map(cluster -> "the observation of " + cluster.clusterName() + " is incomplete ("
					+ String.join(", ", cluster.failedSources()) + ")")
			.collect(Collectors.joining("; ", "No plan was made: ", "; fix those sources and plan again")));
		this.clusters = List.copyOf(clusters);
	}

	List<Incomplete> clusters() {
		return clusters;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("clusters", clusters);
	}

}
