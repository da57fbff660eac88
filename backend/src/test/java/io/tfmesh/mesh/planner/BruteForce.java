package io.tfmesh.mesh.planner;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.tfmesh.net.Cidr;

/**
 * The planner's answers worked out the slow, obvious way, with nothing of the planner's own: every
 * aligned block of the pool in turn, or every address of the pool one by one. Only for small pools.
 */
final class BruteForce {

	private BruteForce() {
	}

	/** Tries every block of the pool in address order; the taken CIDRs must not overlap each other. */
	static Optional<Cidr> lowestFree(List<Cidr> taken, Cidr pool, int prefixLength) {
		if (prefixLength < pool.prefixLength()) {
			return Optional.empty();
		}
		List<BigInteger[]> ranges = taken.stream()
			.filter(cidr -> cidr.isIpv4() == pool.isIpv4())
			.map(BruteForce::range)
			.sorted(Comparator.comparing((BigInteger[] range) -> range[0]))
			.toList();
		long count = 1L << (prefixLength - pool.prefixLength());
		int next = 0;
		for (long i = 0; i < count; i++) {
			Cidr block = blockOf(pool, prefixLength, i);
			BigInteger[] candidate = range(block);
			while (next < ranges.size() && ranges.get(next)[1].compareTo(candidate[0]) < 0) {
				next++;
			}
			if (next == ranges.size() || ranges.get(next)[0].compareTo(candidate[1]) > 0) {
				return Optional.of(block);
			}
		}
		return Optional.empty();
	}

	/** The largest run of free addresses that is an aligned block, the lowest among equals. */
	static Optional<Cidr> largestFree(List<Cidr> taken, Cidr pool) {
		boolean[] free = freeMap(taken, pool);
		for (int size = bits(pool) - pool.prefixLength(); size >= 0; size--) {
			for (int first = 0; first < free.length; first += 1 << size) {
				if (allFree(free, first, 1 << size)) {
					return Optional.of(blockOf(pool, bits(pool) - size, first >> size));
				}
			}
		}
		return Optional.empty();
	}

	/** Free addresses of the pool left to right, each run cut into the largest aligned blocks. */
	static List<Cidr> freeBlocks(List<Cidr> taken, Cidr pool) {
		int hostBits = bits(pool) - pool.prefixLength();
		boolean[] free = freeMap(taken, pool);
		List<Cidr> blocks = new ArrayList<>();
		int next = 0;
		while (next < free.length) {
			if (!free[next]) {
				next++;
				continue;
			}
			int size = 0;
			while (size < hostBits && next % (1 << (size + 1)) == 0 && allFree(free, next, 1 << (size + 1))) {
				size++;
			}
			blocks.add(blockOf(pool, bits(pool) - size, next >> size));
			next += 1 << size;
		}
		return blocks;
	}

	static BigInteger freeAddresses(List<Cidr> taken, Cidr pool) {
		int count = 0;
		for (boolean free : freeMap(taken, pool)) {
			count += free ? 1 : 0;
		}
		return BigInteger.valueOf(count);
	}

	/**
	 * The free ranges of the pool, each as first and last address: the gaps between the taken
	 * CIDRs, sorted by their numbers. Works for pools of any size.
	 */
	static List<BigInteger[]> freeRanges(List<Cidr> taken, Cidr pool) {
		BigInteger[] bounds = range(pool);
		List<BigInteger[]> sorted = taken.stream()
			.filter(cidr -> cidr.isIpv4() == pool.isIpv4())
			.map(BruteForce::range)
			.sorted(Comparator.comparing((BigInteger[] range) -> range[0]))
			.toList();
		List<BigInteger[]> free = new ArrayList<>();
		BigInteger next = bounds[0];
		for (BigInteger[] range : sorted) {
			if (range[1].compareTo(next) < 0 || range[0].compareTo(bounds[1]) > 0) {
				continue;
			}
			if (range[0].compareTo(next) > 0) {
				free.add(new BigInteger[] { next, range[0].subtract(BigInteger.ONE) });
			}
			next = range[1].add(BigInteger.ONE);
		}
		if (next.compareTo(bounds[1]) <= 0) {
			free.add(new BigInteger[] { next, bounds[1] });
		}
		return free;
	}

	/** Each free range cut, from its start, into the largest aligned blocks that fit. */
	static List<Cidr> freeBlocksOfRanges(List<Cidr> taken, Cidr pool) {
		int bits = bits(pool);
		List<Cidr> blocks = new ArrayList<>();
		for (BigInteger[] range : freeRanges(taken, pool)) {
			BigInteger next = range[0];
			while (next.compareTo(range[1]) <= 0) {
				int size = bits;
				while (!fits(next, range[1], size)) {
					size--;
				}
				blocks.add(new Cidr(address(next, bits), bits - size));
				next = next.add(BigInteger.ONE.shiftLeft(size));
			}
		}
		return blocks;
	}

	/** The first block of the prefix length at an aligned start inside a free range. */
	static Optional<Cidr> lowestFreeOfRanges(List<Cidr> taken, Cidr pool, int prefixLength) {
		int bits = bits(pool);
		if (prefixLength < pool.prefixLength()) {
			return Optional.empty();
		}
		BigInteger size = BigInteger.ONE.shiftLeft(bits - prefixLength);
		for (BigInteger[] range : freeRanges(taken, pool)) {
			BigInteger[] division = range[0].divideAndRemainder(size);
			BigInteger start = division[1].signum() == 0 ? range[0] : division[0].add(BigInteger.ONE).multiply(size);
			if (start.add(size).subtract(BigInteger.ONE).compareTo(range[1]) <= 0) {
				return Optional.of(new Cidr(address(start, bits), prefixLength));
			}
		}
		return Optional.empty();
	}

	private static boolean fits(BigInteger start, BigInteger last, int size) {
		BigInteger length = BigInteger.ONE.shiftLeft(size);
		return start.mod(length).signum() == 0 && start.add(length).subtract(BigInteger.ONE).compareTo(last) <= 0;
	}

	/** The {@code index}-th block of that prefix length inside the pool. */
	static Cidr blockOf(Cidr pool, int prefixLength, long index) {
		BigInteger first = number(pool.network()).add(BigInteger.valueOf(index).shiftLeft(bits(pool) - prefixLength));
		return new Cidr(address(first, bits(pool)), prefixLength);
	}

	/** First and last address of the CIDR as numbers. */
	static BigInteger[] range(Cidr cidr) {
		BigInteger first = number(cidr.network());
		return new BigInteger[] { first, first.add(cidr.size()).subtract(BigInteger.ONE) };
	}

	static BigInteger number(InetAddress address) {
		return new BigInteger(1, address.getAddress());
	}

	static InetAddress address(BigInteger number, int bits) {
		byte[] raw = number.toByteArray();
		byte[] bytes = new byte[bits / 8];
		int copy = Math.min(raw.length, bytes.length);
		System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static int bits(Cidr cidr) {
		return cidr.isIpv4() ? 32 : 128;
	}

	/** One flag per address of the pool: whether no taken CIDR covers it. */
	private static boolean[] freeMap(List<Cidr> taken, Cidr pool) {
		int hostBits = bits(pool) - pool.prefixLength();
		if (hostBits > 16) {
			throw new IllegalArgumentException(pool + " is too large to check address by address");
		}
		boolean[] free = new boolean[1 << hostBits];
		Arrays.fill(free, true);
		BigInteger poolFirst = number(pool.network());
		BigInteger poolLast = poolFirst.add(BigInteger.valueOf(free.length - 1));
		for (Cidr cidr : taken) {
			if (cidr.isIpv4() != pool.isIpv4()) {
				continue;
			}
			BigInteger[] range = range(cidr);
			BigInteger from = range[0].max(poolFirst);
			BigInteger to = range[1].min(poolLast);
			if (from.compareTo(to) <= 0) {
				Arrays.fill(free, from.subtract(poolFirst).intValueExact(), to.subtract(poolFirst).intValueExact() + 1,
						false);
			}
		}
		return free;
	}

	private static boolean allFree(boolean[] free, int from, int length) {
		for (int i = from; i < from + length; i++) {
			if (!free[i]) {
				return false;
			}
		}
		return true;
	}

}
