package io.tfmesh.mesh;

import java.math.BigInteger;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A mesh's address space as it is allocated: each pool with its free space and a drawing of
 * its blocks, and each block with its size and, where the cluster was observed, how much of it
 * is used.
 */
public record MeshAddressing(long meshId, List<PoolUsage> pools, List<AllocationUsage> allocations) {

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
	 * One stretch of a pool, for drawing.
	 *
	 * @param kind the block's kind, or null for free space
	 * @param offset where it starts, in percent of the pool
	 * @param width its share of the pool, in percent
	 * @param conflict whether an observed CIDR of another cluster overlaps it
	 */
	public record Segment(String cidr, @Nullable Kind kind, String owner, @Nullable Long clusterId, double offset,
			double width, boolean conflict) {

		public boolean free() {
			return kind == null;
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
