package io.tfmesh.mesh.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.tfmesh.net.Cidr;

/**
 * Checks a finished workload the same way for every allocator, so the figures compare allocators
 * that did the same, correct work.
 *
 * @param allocations blocks handed out
 * @param overlaps blocks that overlap another block or a reservation
 * @param outsidePool blocks not inside the pool of their kind
 * @param wrongSize blocks whose prefix length is not the one requested
 */
record Allocations(int allocations, int overlaps, int outsidePool, int wrongSize) {

	/** The blocks in workload order: cluster by cluster, each with one block per kind. */
	static Allocations check(Workload workload, List<Cidr> blocks) {
		int outsidePool = 0;
		int wrongSize = 0;
		List<long[]> ranges = new ArrayList<>();
		Workload.Kind[] kinds = Workload.Kind.values();
		for (int i = 0; i < blocks.size(); i++) {
			Cidr block = blocks.get(i);
			Workload.Kind kind = kinds[i % kinds.length];
			if (!kind.pool().contains(block.network()) || block.prefixLength() < kind.pool().prefixLength()) {
				outsidePool++;
			}
			if (block.prefixLength() != workload.prefixLength(kind, i / kinds.length)) {
				wrongSize++;
			}
			ranges.add(range(block));
		}
		Workload.RESERVED.forEach(reserved -> ranges.add(range(reserved)));
		ranges.sort(Comparator.comparingLong((long[] range) -> range[0]));
		int overlaps = 0;
		long reach = -1;
		for (long[] range : ranges) {
			if (range[0] <= reach) {
				overlaps++;
			}
			reach = Math.max(reach, range[1]);
		}
		return new Allocations(blocks.size(), overlaps, outsidePool, wrongSize);
	}

	boolean correct(Workload workload) {
		return allocations == workload.allocations() && overlaps == 0 && outsidePool == 0 && wrongSize == 0;
	}

	private static long[] range(Cidr cidr) {
		byte[] bytes = cidr.network().getAddress();
		long first = 0;
		for (byte b : bytes) {
			first = (first << 8) | (b & 0xff);
		}
		return new long[] { first, first + (1L << (32 - cidr.prefixLength())) - 1 };
	}

}
