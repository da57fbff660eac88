package io.tfmesh.mesh;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A mesh as the API returns it.
 *
 * @param applyOnApproval whether approved plans start by itself
 * @param changeWindow when plans may start, null when at any time
 */
public record MeshView(long id, String name, String description, long asnMin, long asnMax, List<PoolView> pools,
		List<MemberView> members, Instant createdAt, Instant updatedAt, long version, boolean applyOnApproval,
		@Nullable ChangeWindow changeWindow) {

	public MeshView(long id, String name, String description, long asnMin, long asnMax, List<PoolView> pools,
			List<MemberView> members, Instant createdAt, Instant updatedAt, long version) {
		this(id, name, description, asnMin, asnMax, pools, members, createdAt, updatedAt, version, false, null);
	}

	public record PoolView(Kind kind, String cidr, int defaultPrefixLength) {
	}

	/** @param asn the ASN the planner gave the member, null until it did */
	public record MemberView(long clusterId, String clusterName, long cloudId, String cloudName, @Nullable Long asn,
			Instant joinedAt) {

		/** The member's colour in the pool drawings. */
		public String color() {
			return PoolDrawing.color(clusterId);
		}

	}

	public @Nullable PoolView pool(Kind kind) {
		return pools.stream().filter(pool -> pool.kind() == kind).findFirst().orElse(null);
	}

	public List<Long> clusterIds() {
		return members.stream().map(MemberView::clusterId).toList();
	}

}
