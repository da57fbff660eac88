package io.tfmesh.mesh;

import org.springframework.stereotype.Component;

/**
 * What method security needs to know about an allocation before the request touches it:
 * {@code @PreAuthorize(AllocationAccess.RELEASE)} on a method with the parameters {@code meshId}
 * and {@code allocationId} lets operators release members' blocks and only admins release
 * reservations.
 */
@Component("allocationAccess")
class AllocationAccess {

	/** Who may release one block: an admin, or anybody the request rules let in if it is no reservation. */
	static final String RELEASE = "hasRole('ADMIN') or !@allocationAccess.isReservation(#meshId, #allocationId)";

	private final AllocationStore allocations;

	AllocationAccess(AllocationStore allocations) {
		this.allocations = allocations;
	}

	/** Whether the block is a reservation; false for one that does not exist, which then answers 404. */
	public boolean isReservation(long meshId, long allocationId) {
		return allocations.find(meshId, allocationId).map(allocation -> allocation.kind() == Kind.RESERVED).orElse(false);
	}

}
