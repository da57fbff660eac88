package io.tfmesh.mesh;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.tfmesh.net.Cidr;
import org.jspecify.annotations.Nullable;

/**
 * What the members really use, indexed by address, so that the clusters colliding with a block
 * are found without comparing it with every claim: CIDRs either nest or are disjoint, so the
 * claims that overlap a block either contain it (one lookup per prefix length in use) or lie
 * inside it (a range of the claims sorted by address).
 */
final class ClaimIndex {

	private final Map<String, Set<String>> byCidr = new HashMap<>();

	private final Map<Boolean, TreeSet<Integer>> lengths = new HashMap<>();

	private final Map<Boolean, TreeMap<BigInteger, List<ConflictFinder.Claim>>> byStart = new HashMap<>();

	ClaimIndex(List<ConflictFinder.Claim> claims) {
		for (ConflictFinder.Claim claim : claims) {
			Cidr cidr = claim.cidr();
			byCidr.computeIfAbsent(key(cidr.isIpv4(), start(cidr), cidr.prefixLength()), k -> new LinkedHashSet<>())
				.add(claim.cluster());
			lengths.computeIfAbsent(cidr.isIpv4(), k -> new TreeSet<>()).add(cidr.prefixLength());
			byStart.computeIfAbsent(cidr.isIpv4(), k -> new TreeMap<>())
				.computeIfAbsent(start(cidr), k -> new ArrayList<>())
				.add(claim);
		}
	}

	/**
	 * The clusters other than the holder whose claims overlap the block, in the order found, at
	 * most {@value #NAMED} of them: a block inside a range a thousand clusters use is drawn
	 * naming a few, not all.
	 * @param holder the member that holds the block, null for underlays and reservations
	 */
	List<String> collidingWith(Cidr block, @Nullable String holder) {
		Set<String> others = new LinkedHashSet<>();
		collect(block, holder, others);
		return List.copyOf(others);
	}

	/** More names than a drawing writes, so that it can say there are more. */
	static final int NAMED = 6;

	private void collect(Cidr block, @Nullable String holder, Set<String> others) {
		boolean v4 = block.isIpv4();
		int bits = v4 ? 32 : 128;
		BigInteger start = start(block);
		for (int length : lengths.getOrDefault(v4, new TreeSet<>()).headSet(block.prefixLength(), true)) {
			BigInteger supernet = start.shiftRight(bits - length).shiftLeft(bits - length);
			Set<String> users = byCidr.get(key(v4, supernet, length));
			if (users != null) {
				for (String user : users) {
					if (!user.equals(holder) && others.add(user) && others.size() >= NAMED) {
						return;
					}
				}
			}
		}
		NavigableMap<BigInteger, List<ConflictFinder.Claim>> inside = byStart.getOrDefault(v4, new TreeMap<>())
			.subMap(start, true, start.add(block.size()), false);
		for (List<ConflictFinder.Claim> claims : inside.values()) {
			for (ConflictFinder.Claim claim : claims) {
				if (claim.cidr().prefixLength() > block.prefixLength() && !claim.cluster().equals(holder)
						&& others.add(claim.cluster()) && others.size() >= NAMED) {
					return;
				}
			}
		}
	}

	private static String key(boolean v4, BigInteger start, int length) {
		return (v4 ? "4:" : "6:") + start + "/" + length;
	}

	static BigInteger start(Cidr cidr) {
		return new BigInteger(1, cidr.network().getAddress());
	}

}
