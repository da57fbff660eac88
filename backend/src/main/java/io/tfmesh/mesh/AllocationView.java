package io.tfmesh.mesh;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One block of a mesh's address space and who holds it.
 *
 * @param clusterId the member that holds a pod, service or fabric block
 * @param cloudId the cloud whose underlay an underlay block is
 */
public record AllocationView(long id, Kind kind, String cidr, @Nullable Long clusterId, @Nullable String clusterName,
		@Nullable Long cloudId, @Nullable String cloudName, String note, Instant createdAt, String createdBy) {

	/** Who holds the block, for people. */
	public String owner() {
		if (clusterName != null) {
			return clusterName;
		}
		if (cloudName != null) {
			return "cloud " + cloudName;
		}
		return note.isEmpty() ? "reserved" : "reserved: " + note;
	}

}
