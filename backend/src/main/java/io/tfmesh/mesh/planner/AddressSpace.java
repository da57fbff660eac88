package io.tfmesh.mesh.planner;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.tfmesh.net.Cidr;

/**
 * The occupied address space of one mesh, IPv4 and IPv6: pod, service and fabric CIDRs of its
 * members, underlays and reservations. Blocks are handed out lowest address first, so the same
 * taken set and the same requests always give the same answers. Not thread-safe: a caller builds
 * one per transaction from what the database holds, and the database has the final word.
 */
public final class AddressSpace {

	private final FamilySpace ipv4 = new FamilySpace(32);

	private final FamilySpace ipv6 = new FamilySpace(128);

	private AddressSpace() {
	}

	/**
	 * A space with these CIDRs taken.
	 * @throws IllegalArgumentException naming two of them when they overlap
	 */
	public static AddressSpace of(Collection<Cidr> taken) {
		AddressSpace space = new AddressSpace();
		for (Cidr cidr : taken) {
			space.take(cidr);
		}
		return space;
	}

	/** Whether the CIDR overlaps nothing taken. */
	public boolean isFree(Cidr cidr) {
		return family(cidr).isFree(cidr);
	}

	/** The taken CIDRs that the CIDR overlaps, ascending. */
	public List<Cidr> overlapping(Cidr cidr) {
		return family(cidr).overlapping(cidr);
	}

	/**
	 * Marks the CIDR taken.
	 * @throws IllegalArgumentException naming a taken CIDR it overlaps
	 */
	public void take(Cidr cidr) {
		family(cidr).take(cidr);
	}

	/** Frees a taken CIDR; only the exact CIDR that was taken, not a part or a supernet of it. */
	public boolean release(Cidr cidr) {
		return family(cidr).release(cidr);
	}

	/**
	 * The lowest-addressed block of that prefix length inside the pool that overlaps nothing taken;
	 * taken CIDRs may be larger or smaller than the block and may reach outside the pool. Empty
	 * when no such block is left, or when the prefix is shorter than the pool's.
	 * @throws IllegalArgumentException when the prefix length is not one of the pool's family
	 */
	public Optional<Cidr> lowestFree(Cidr pool, int prefixLength) {
		return family(pool).lowestFree(pool, prefixLength);
	}

	/** The largest free block inside the pool, the lowest one among equals; empty when the pool is full. */
	public Optional<Cidr> largestFree(Cidr pool) {
		return family(pool).largestFree(pool);
	}

	/** The free part of the pool as the fewest aligned blocks, ascending. */
	public List<Cidr> freeBlocks(Cidr pool) {
		return family(pool).freeBlocks(pool);
	}

	/** Number of addresses of the pool that nothing taken covers. */
	public BigInteger freeAddresses(Cidr pool) {
		return family(pool).freeAddresses(pool);
	}

	/** Every taken CIDR, ascending (IPv4 first). */
	public List<Cidr> taken() {
		List<Cidr> all = new ArrayList<>(ipv4.taken());
		all.addAll(ipv6.taken());
		return List.copyOf(all);
	}

	private FamilySpace family(Cidr cidr) {
		Objects.requireNonNull(cidr, "cidr");
		return cidr.isIpv4() ? ipv4 : ipv6;
	}

}
