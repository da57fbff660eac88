package io.tfmesh.mesh;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tfmesh.mesh.planner.AddressSpace;
import io.tfmesh.net.Cidr;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each mesh's address space as the last allocation left it, so that allocating one block does
 * not read and parse every block of a large mesh again.
 *
 * <p>A kept space is used only while the mesh's blocks are what they were when it was kept:
 * their number and highest id, read again before each use (ids only grow, and blocks are
 * never changed in place, so any insert or delete changes one or the other). It is taken out
 * while a transaction allocates from it and put back only when that transaction commits with
 * no other change to the mesh's blocks than its own; PostgreSQL's exclusion constraint stays
 * the guard against overlaps in any case.
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
	 */
	Lease lease(long meshId, List<Cidr> pools) {
		BlocksFingerprint before = allocations.fingerprint(meshId);
		Kept found = kept.remove(meshId);
		AddressSpace space = (found != null && found.fingerprint().equals(before) && found.pools().equals(pools))
				? found.space() : AddressSpace.of(allocations.taken(meshId, pools));
		Lease lease = new Lease(meshId, pools, before, space);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(lease);
		}
		return lease;
	}

	/** How many meshes have a space kept. */
	int size() {
		return kept.size();
	}

	/** The number of a mesh's blocks and their highest id. */
	record BlocksFingerprint(long count, long maxId) {

		BlocksFingerprint inserted(long id) {
			return new BlocksFingerprint(count + 1, Math.max(maxId, id));
		}

	}

	private record Kept(BlocksFingerprint fingerprint, List<Cidr> pools, AddressSpace space) {
	}

	/** A space taken out for one transaction; the blocks it inserts are recorded with {@link #inserted}. */
	final class Lease implements TransactionSynchronization {

		private final long meshId;

		private final List<Cidr> pools;

		private final AddressSpace space;

		private BlocksFingerprint expected;

		private @Nullable BlocksFingerprint committed;

		private Lease(long meshId, List<Cidr> pools, BlocksFingerprint before, AddressSpace space) {
			this.meshId = meshId;
			this.pools = pools;
			this.expected = before;
			this.space = space;
		}

		AddressSpace space() {
			return space;
		}

		/** A block of this space was inserted with this id (and taken in the space). */
		void inserted(long id) {
			expected = expected.inserted(id);
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			committed = allocations.fingerprint(meshId);
		}

		@Override
		public void afterCommit() {
			// another writer changed the mesh's blocks meanwhile: the next allocation reads them again
			if (expected.equals(committed)) {
				kept.put(meshId, new Kept(expected, pools, space));
			}
		}

	}

}
