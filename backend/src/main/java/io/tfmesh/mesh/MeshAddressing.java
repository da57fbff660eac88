package io.tfmesh.mesh;

import java.math.BigInteger;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A mesh's address space as it is allocated: each pool with its free space and a drawing of
 * its blocks, and one page of the blocks with each one's size and, where the cluster was
 * observed, how much of it is used.
 *
 * @param allocations the blocks of this page, in address order
 * @param totalItems all blocks of the mesh
 */
public record MeshAddressing(long meshId, List<PoolUsage> pools, List<AllocationUsage> allocations, int page, int size,
		long totalItems, int totalPages) {

	/** The page as the dashboard's pager shows it. */
	public io.tfmesh.system.web.PageView<AllocationUsage> view() {
		return new io.tfmesh.system.web.PageView<>(allocations, page, size, totalItems, totalPages);
	}

	/**
	 * @param segments the pool from its first address to its last, as allocated and free blocks
	 */
	public record PoolUsage(Kind kind, String cidr, int defaultPrefixLength, BigInteger size, BigInteger free,
			@Nullable String largestFreeBlock, List<Segment> segments) {

		/** The share of the pool that is free, in percent. */
		public double freePercent() {
			return size.signum() == 0 ? 0 : new java.math.BigDecimal(free).multiply(java.math.BigDecimal.valueOf(100))
				.divide(new java.math.BigDecimal(size), 1, java.math.RoundingMode.HALF_UP)
				.doubleValue();
		}

	}

	/**
	 * One stretch of a pool, for drawing: a block, a run of adjacent blocks of one holder, or,
	 * where a pool holds more blocks than a drawing can show apart, a run of several holders'.
	 *
	 * @param cidr the first block of the stretch
	 * @param last the last block of the stretch, the same as the first for a single block
	 * @param kind the blocks' kind, or null for free space and for a run of several holders
	 * @param owner who holds the stretch, for people
	 * @param clusterId the member that holds all of it, if one does
	 * @param offset where it starts, in percent of the pool
	 * @param width its share of the pool, in percent
	 * @param conflict whether an observed CIDR of another cluster overlaps it
	 * @param collidingWith the clusters whose observed CIDRs overlap it, other than its holder;
	 * the first six found, so six means six or more
	 * @param blocks how many blocks (or free blocks) the stretch holds
	 */
	public record Segment(String cidr, String last, @Nullable Kind kind, String owner, @Nullable Long clusterId,
			double offset, double width, boolean conflict, List<String> collidingWith, int blocks) {

		public boolean free() {
			return kind == null && "free".equals(owner);
		}

		public boolean mixed() {
			return kind == null && !free();
		}

		/** The addresses the stretch covers, for people. */
		public String range() {
			return cidr.equals(last) ? cidr : cidr + " – " + last;
		}

	}

	/**
	 * @param used addresses in use where known (observed pods for a pod block, services for a
	 * service block)
	 * @param headroom addresses left
	 */
	public record AllocationUsage(AllocationView allocation, BigInteger size, @Nullable Long used,
			@Nullable BigInteger headroom) {
	}

}
