package io.tfmesh.mesh;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tfmesh.mesh.planner.AddressSpace;
import io.tfmesh.net.Cidr;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each mesh's address space as the last allocation left it, so that allocating one block does
 * not read and parse every block of a large mesh again.
 *
 * <p>A kept space is used only while the mesh's blocks are what they were when it was kept:
 * PostgreSQL counts every change to a mesh's blocks, whoever makes it (the
 * {@code allocation_changes} row of the mesh), and the count is read again under the mesh's
 * lock before each use. A space is taken out while a transaction allocates from it and put
 * back when that transaction commits, expecting the count to have grown by its own blocks only;
 * a change by anybody else makes the next allocation read the blocks again. PostgreSQL's
 * exclusion constraint stays the guard against overlaps in any case.
 */
class AddressSpaces {

	private final AllocationStore allocations;

	private final Map<Long, Kept> kept = new ConcurrentHashMap<>();

	AddressSpaces(AllocationStore allocations) {
		this.allocations = allocations;
	}

	/**
	 * The space of the blocks in these pools, for the current transaction, which holds the
	 * mesh's lock.
	 * @param changes how often the mesh's blocks changed, read under that lock
	 */
	Lease lease(long meshId, List<Cidr> pools, long changes) {
		Kept found = kept.remove(meshId);
		AddressSpace space = (found != null && found.changes() == changes && found.pools().equals(pools))
				? found.space() : AddressSpace.of(allocations.taken(meshId, pools));
		Lease lease = new Lease(meshId, pools, changes, space);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(lease);
		}
		return lease;
	}

	/** How many meshes have a space kept. */
	int size() {
		return kept.size();
	}

	private record Kept(long changes, List<Cidr> pools, AddressSpace space) {
	}

	/** A space taken out for one transaction; the blocks it inserts are recorded with {@link #inserted}. */
	final class Lease implements TransactionSynchronization {

		private final long meshId;

		private final List<Cidr> pools;

		private final AddressSpace space;

		private long expected;

		private Lease(long meshId, List<Cidr> pools, long changes, AddressSpace space) {
			this.meshId = meshId;
			this.pools = pools;
			this.expected = changes;
			this.space = space;
		}

		AddressSpace space() {
			return space;
		}

		/** A block of this space was inserted (and taken in the space). */
		void inserted() {
			expected++;
		}

		@Override
		public void afterCommit() {
			kept.put(meshId, new Kept(expected, pools, space));
		}

	}

}
