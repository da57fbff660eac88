package io.tfmesh.mesh.planner;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.tfmesh.net.Cidr;
import org.jspecify.annotations.Nullable;

/**
 * The occupied space of one address family, kept as the taken blocks and, in step with them, the
 * free ranges between them. Each free range is also filed under the largest aligned block it
 * holds, so the lowest free block of a size is found by a few ordered-set lookups, however many
 * blocks are taken.
 */
final class FamilySpace {

	private final int bits;

	private final Uint128 last;

	/** Taken blocks by their first address; they never overlap, so the order is total. */
	private final TreeMap<Uint128, Cidr> taken = new TreeMap<>();

	/** Free ranges: first address to last address, never adjacent (adjacent ranges are merged). */
	private final TreeMap<Uint128, Uint128> gaps = new TreeMap<>();

	/** First addresses of the free ranges, by the host bits of the largest aligned block inside. */
	private final TreeSet<Uint128>[] gapsByLargestBlock;

	private final BitSet largestBlocksPresent = new BitSet();

	@SuppressWarnings("unchecked")
	FamilySpace(int bits) {
		this.bits = bits;
		this.last = Uint128.lowBits(bits);
		this.gapsByLargestBlock = new TreeSet[bits + 1];
		addGap(Uint128.ZERO, this.last);
	}

	boolean isFree(Cidr cidr) {
		Uint128 first = first(cidr);
		Map.Entry<Uint128, Uint128> gap = gaps.floorEntry(first);
		return gap != null && gap.getValue().compareTo(last(first, cidr)) >= 0;
	}

	List<Cidr> overlapping(Cidr cidr) {
		Uint128 first = first(cidr);
		List<Cidr> found = new ArrayList<>();
		Map.Entry<Uint128, Cidr> before = taken.floorEntry(first);
		if (before != null && last(before.getKey(), before.getValue()).compareTo(first) >= 0) {
			found.add(before.getValue());
		}
		found.addAll(taken.subMap(first, false, last(first, cidr), true).values());
		return found;
	}

	void take(Cidr cidr) {
		Uint128 first = first(cidr);
		Uint128 end = last(first, cidr);
		Map.Entry<Uint128, Uint128> gap = gaps.floorEntry(first);
		if (gap == null || gap.getValue().compareTo(end) < 0) {
			throw new IllegalArgumentException(cidr + " overlaps " + overlapping(cidr).get(0) + ", which is taken");
		}
		Uint128 gapFirst = gap.getKey();
		Uint128 gapLast = gap.getValue();
		removeGap(gapFirst, gapLast);
		if (gapFirst.compareTo(first) < 0) {
			addGap(gapFirst, first.minusOne());
		}
		if (end.compareTo(gapLast) < 0) {
			addGap(end.plusOne(), gapLast);
		}
		taken.put(first, cidr);
	}

	boolean release(Cidr cidr) {
		Uint128 first = first(cidr);
		if (!cidr.equals(taken.get(first))) {
			return false;
		}
		taken.remove(first);
		Uint128 freeFirst = first;
		Uint128 freeLast = last(first, cidr);
		if (!first.isZero()) {
			Map.Entry<Uint128, Uint128> before = gaps.floorEntry(first);
			if (before != null && before.getValue().equals(first.minusOne())) {
				freeFirst = before.getKey();
				removeGap(before.getKey(), before.getValue());
			}
		}
		if (!freeLast.equals(last)) {
			Uint128 afterFirst = freeLast.plusOne();
			Uint128 afterLast = gaps.get(afterFirst);
			if (afterLast != null) {
				freeLast = afterLast;
				removeGap(afterFirst, afterLast);
			}
		}
		addGap(freeFirst, freeLast);
		return true;
	}

	Optional<Cidr> lowestFree(Cidr pool, int prefixLength) {
		if (prefixLength < 0 || prefixLength > bits) {
			throw new IllegalArgumentException(
					"prefix length " + prefixLength + " is out of range 0.." + bits + " for " + pool);
		}
		if (prefixLength < pool.prefixLength()) {
			return Optional.empty();
		}
		int hostBits = bits - prefixLength;
		Uint128 poolFirst = first(pool);
		Uint128 poolLast = last(poolFirst, pool);
		Uint128 blockSpan = Uint128.lowBits(hostBits);
		// the pool's first address is aligned for any block that fits in the pool
		Map.Entry<Uint128, Uint128> holding = gaps.floorEntry(poolFirst);
		if (holding != null && holding.getValue().compareTo(poolFirst) >= 0
				&& min(holding.getValue(), poolLast).minus(poolFirst).compareTo(blockSpan) >= 0) {
			return Optional.of(block(poolFirst, prefixLength));
		}
		// every free range that holds a block this large is filed under this size or a larger one
		Uint128 lowest = null;
		int size = largestBlocksPresent.nextSetBit(hostBits);
		while (size >= 0) {
			Uint128 start = gapsByLargestBlock[size].higher(poolFirst);
			if (start != null && start.compareTo(poolLast) <= 0 && (lowest == null || start.compareTo(lowest) < 0)) {
				lowest = start;
			}
			size = largestBlocksPresent.nextSetBit(size + 1);
		}
		if (lowest == null) {
			return Optional.empty();
		}
		Uint128 blockFirst = alignUp(lowest, hostBits);
		// a later range starts later still, so when this block leaves the pool every other does
		if (blockFirst == null || blockFirst.or(blockSpan).compareTo(poolLast) > 0) {
			return Optional.empty();
		}
		return Optional.of(block(blockFirst, prefixLength));
	}

	Optional<Cidr> largestFree(Cidr pool) {
		Cidr best = null;
		for (Uint128[] range : freeRanges(pool)) {
			int hostBits = largestBlock(range[0], range[1]);
			if (best == null || bits - hostBits < best.prefixLength()) {
				best = block(alignUp(range[0], hostBits), bits - hostBits);
			}
		}
		return Optional.ofNullable(best);
	}

	List<Cidr> freeBlocks(Cidr pool) {
		List<Cidr> blocks = new ArrayList<>();
		for (Uint128[] range : freeRanges(pool)) {
			Uint128 next = range[0];
			while (true) {
				int hostBits = Math.min(Math.min(next.trailingZeros(), bits), spanLog(next, range[1]));
				blocks.add(block(next, bits - hostBits));
				Uint128 blockLast = next.or(Uint128.lowBits(hostBits));
				if (blockLast.compareTo(range[1]) >= 0) {
					break;
				}
				next = blockLast.plusOne();
			}
		}
		return blocks;
	}

	BigInteger freeAddresses(Cidr pool) {
		BigInteger total = BigInteger.ZERO;
		for (Uint128[] range : freeRanges(pool)) {
			total = total.add(range[1].minus(range[0]).toBigInteger()).add(BigInteger.ONE);
		}
		return total;
	}

	List<Cidr> taken() {
		return List.copyOf(taken.values());
	}

	/** The free ranges that meet the pool, cut to it, ascending. */
	private List<Uint128[]> freeRanges(Cidr pool) {
		Uint128 poolFirst = first(pool);
		Uint128 poolLast = last(poolFirst, pool);
		List<Uint128[]> ranges = new ArrayList<>();
		Map.Entry<Uint128, Uint128> holding = gaps.floorEntry(poolFirst);
		if (holding != null && holding.getValue().compareTo(poolFirst) >= 0) {
			ranges.add(new Uint128[] { poolFirst, min(holding.getValue(), poolLast) });
		}
		NavigableMap<Uint128, Uint128> inside = gaps.subMap(poolFirst, false, poolLast, true);
		for (Map.Entry<Uint128, Uint128> gap : inside.entrySet()) {
			ranges.add(new Uint128[] { gap.getKey(), min(gap.getValue(), poolLast) });
		}
		return ranges;
	}

	private void addGap(Uint128 first, Uint128 end) {
		gaps.put(first, end);
		int size = largestBlock(first, end);
		TreeSet<Uint128> filed = gapsByLargestBlock[size];
		if (filed == null) {
			filed = new TreeSet<>();
			gapsByLargestBlock[size] = filed;
		}
		filed.add(first);
		largestBlocksPresent.set(size);
	}

	private void removeGap(Uint128 first, Uint128 end) {
		gaps.remove(first);
		int size = largestBlock(first, end);
		TreeSet<Uint128> filed = gapsByLargestBlock[size];
		filed.remove(first);
		if (filed.isEmpty()) {
			largestBlocksPresent.clear(size);
		}
	}

	/**
	 * Host bits of the largest aligned block inside {@code [first, end]}: a range of at least 2^n
	 * addresses always holds an aligned block of 2^(n-1), so only two sizes need a look.
	 */
	private int largestBlock(Uint128 first, Uint128 end) {
		int log = spanLog(first, end);
		Uint128 start = alignUp(first, log);
		if (start != null && start.compareTo(end) <= 0 && end.minus(start).compareTo(Uint128.lowBits(log)) >= 0) {
			return log;
		}
		return log - 1;
	}

	/** Floor of log2 of the number of addresses in {@code [first, end]}. */
	private int spanLog(Uint128 first, Uint128 end) {
		Uint128 span = end.minus(first);
		return span.equals(Uint128.MAX) ? 128 : span.plusOne().floorLog2();
	}

	/** The first address at or after {@code value} with {@code hostBits} zero low bits; null past the top. */
	private static @Nullable Uint128 alignUp(Uint128 value, int hostBits) {
		Uint128 down = value.andNot(Uint128.lowBits(hostBits));
		if (down.equals(value)) {
			return value;
		}
		Uint128 up = value.or(Uint128.lowBits(hostBits)).plusOne();
		return up.isZero() ? null : up;
	}

	private Cidr block(Uint128 first, int prefixLength) {
		return new Cidr(first.toAddress(bits), prefixLength);
	}

	private Uint128 first(Cidr cidr) {
		return Uint128.of(cidr.network());
	}

	private Uint128 last(Uint128 first, Cidr cidr) {
		return first.or(Uint128.lowBits(bits - cidr.prefixLength()));
	}

	private static Uint128 min(Uint128 a, Uint128 b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

}
