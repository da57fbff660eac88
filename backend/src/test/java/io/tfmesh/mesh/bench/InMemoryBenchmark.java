package io.tfmesh.mesh.bench;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import inet.ipaddr.IPAddressString;
import inet.ipaddr.PrefixBlockAllocator;
import inet.ipaddr.ipv4.IPv4Address;
import io.tfmesh.mesh.planner.AddressSpace;
import io.tfmesh.net.Cidr;

/**
 * The workload in memory, by tfmesh's {@link AddressSpace} and by the IPAddress library's
 * {@link PrefixBlockAllocator}, taking turns so that both see the same JIT and heap.
 */
final class InMemoryBenchmark {

	/**
	 * @param tfmesh clusters per second of each measured round
	 * @param peer clusters per second of each measured round
	 */
	record Figures(double[] tfmesh, double[] peer, Allocations tfmeshCheck, Allocations peerCheck) {

		double tfmeshMedian() {
			return median(tfmesh);
		}

		double peerMedian() {
			return median(peer);
		}

	}

	private InMemoryBenchmark() {
	}

	static Figures run(Workload workload, int warmups, int rounds) {
		Allocations tfmeshCheck = Allocations.check(workload, tfmesh(workload));
		Allocations peerCheck = Allocations.check(workload, toCidrs(peer(workload)));
		for (int i = 0; i < warmups; i++) {
			tfmesh(workload);
			peer(workload);
		}
		double[] tfmesh = new double[rounds];
		double[] peer = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			long start = System.nanoTime();
			List<Cidr> ours = tfmesh(workload);
			tfmesh[i] = perSecond(workload.clusters(), System.nanoTime() - start, ours.size());
			start = System.nanoTime();
			List<IPv4Address> theirs = peer(workload);
			peer[i] = perSecond(workload.clusters(), System.nanoTime() - start, theirs.size());
		}
		return new Figures(tfmesh, peer, tfmeshCheck, peerCheck);
	}

	/** Lowest free block of each kind's pool, taken at once, cluster after cluster. */
	static List<Cidr> tfmesh(Workload workload) {
		AddressSpace space = AddressSpace.of(Workload.RESERVED);
		List<Cidr> blocks = new ArrayList<>(workload.allocations());
		for (int cluster = 0; cluster < workload.clusters(); cluster++) {
			for (Workload.Kind kind : Workload.Kind.values()) {
				int prefixLength = workload.prefixLength(kind, cluster);
				Cidr block = space.lowestFree(kind.pool(), prefixLength)
					.orElseThrow(() -> new IllegalStateException(kind + " pool " + kind.pool() + " is exhausted"));
				space.take(block);
				blocks.add(block);
			}
		}
		return blocks;
	}

	/** One allocator per pool, seeded with the pool less the reservations, as its javadoc asks. */
	static List<IPv4Address> peer(Workload workload) {
		Map<Workload.Kind, PrefixBlockAllocator<IPv4Address>> allocators = new EnumMap<>(Workload.Kind.class);
		for (Workload.Kind kind : Workload.Kind.values()) {
			List<IPv4Address> available = List.of(ipv4(kind.pool()));
			for (Cidr reserved : Workload.RESERVED) {
				IPv4Address taken = ipv4(reserved);
				List<IPv4Address> left = new ArrayList<>();
				for (IPv4Address block : available) {
					left.addAll(Arrays.asList(block.subtract(taken)));
				}
				available = left;
			}
			PrefixBlockAllocator<IPv4Address> allocator = new PrefixBlockAllocator<>();
			allocator.addAvailable(available.toArray(IPv4Address[]::new));
			allocators.put(kind, allocator);
		}
		List<IPv4Address> blocks = new ArrayList<>(workload.allocations());
		for (int cluster = 0; cluster < workload.clusters(); cluster++) {
			for (Workload.Kind kind : Workload.Kind.values()) {
				IPv4Address block = allocators.get(kind).allocateBitLength(32 - workload.prefixLength(kind, cluster));
				if (block == null) {
					throw new IllegalStateException(kind + " pool " + kind.pool() + " is exhausted for the peer");
				}
				blocks.add(block);
			}
		}
		return blocks;
	}

	private static IPv4Address ipv4(Cidr cidr) {
		return new IPAddressString(cidr.toString()).getAddress().toIPv4().toPrefixBlock();
	}

	static List<Cidr> toCidrs(List<IPv4Address> blocks) {
		return blocks.stream()
			.map(block -> new Cidr((Inet4Address) block.getLower().toInetAddress(), block.getNetworkPrefixLength()))
			.toList();
	}

	private static double perSecond(int clusters, long nanos, int allocations) {
		// the allocation count keeps the work observable, so the JIT cannot drop it
		return allocations == 0 ? 0 : clusters * 1e9 / nanos;
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
