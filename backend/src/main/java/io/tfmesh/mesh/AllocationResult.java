package io.tfmesh.mesh;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an allocation request gave each cluster.
 *
 * @param clusters per member, in name order
 */
public record AllocationResult(long meshId, List<ClusterAllocation> clusters) {

	/**
	 * @param decision {@code kept}: the CIDR the cluster already uses, free and inside its pool;
	 * {@code allocated}: a new block; {@code existing}: allocated by an earlier request
	 * @param reason why the planner decided so, for people
	 */
	public record Decision(Kind kind, String cidr, String decision, String reason, long allocationId) {
	}

	public record AsnDecision(long asn, String decision, String reason) {
	}

	public record ClusterAllocation(long clusterId, String clusterName, List<Decision> allocations,
			@Nullable AsnDecision asn) {
	}

}
