package io.tfmesh.mesh.planner;

import java.util.OptionalLong;
import java.util.Set;

/** Picks BGP AS numbers for the members of a mesh, each distinct within the mesh's range. */
public final class AsnAllocator {

	private AsnAllocator() {
	}

	/**
	 * The lowest ASN in {@code [min, max]} that is not used; empty when all are. Walks the used
	 * numbers, not the range, which for 4-byte private ASNs holds almost 95 million.
	 * @throws IllegalArgumentException when the range is empty
	 */
	public static OptionalLong lowestFree(long min, long max, Set<Long> used) {
		if (min > max) {
			throw new IllegalArgumentException("ASN range " + min + "-" + max + " is empty");
		}
		long[] inRange = used.stream().mapToLong(Long::longValue).filter(asn -> asn >= min && asn <= max).sorted()
			.toArray();
		long candidate = min;
		for (long asn : inRange) {
			if (asn > candidate) {
				break;
			}
			if (asn == candidate) {
				if (candidate == max) {
					return OptionalLong.empty();
				}
				candidate++;
			}
		}
		return OptionalLong.of(candidate);
	}

	/** Whether a member may keep its current ASN: it is in range and no other member uses it. */
	public static boolean keeps(long current, long min, long max, Set<Long> usedByOthers) {
		return current >= min && current <= max && !usedByOthers.contains(current);
	}

}
