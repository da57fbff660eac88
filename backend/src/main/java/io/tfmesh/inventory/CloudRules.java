package io.tfmesh.inventory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import io.tfmesh.net.IpAddresses;
import io.tfmesh.system.error.FieldProblem;

/** Checks of a cloud that need more than one field: run after the per-field constraints passed. */
final class CloudRules {

	private CloudRules() {
	}

	/**
	 * Reports each underlay that overlaps an earlier one, in O(n log n): CIDRs either nest or are
	 * apart, so in address order one that overlaps any predecessor overlaps the widest open one.
	 */
	private static void overlaps(List<Cidr> underlays, List<FieldProblem> problems) {
		List<Integer> order = IntStream.range(0, underlays.size())
			.boxed()
			.sorted(Comparator.comparing(underlays::get).thenComparing(Comparator.naturalOrder()))
			.toList();
		Integer open = null;
		for (int index : order) {
			if (open != null && underlays.get(open).overlaps(underlays.get(index))) {
				int later = Math.max(open, index);
				int earlier = Math.min(open, index);
				problems.add(new FieldProblem("underlayCidrs[" + later + "]", underlays.get(later) + " overlaps "
						+ underlays.get(earlier) + " (underlayCidrs[" + earlier + "]); list each underlay network once"));
			}
			else {
				open = index;
			}
		}
	}

	static List<FieldProblem> check(CloudRequest request) {
		List<FieldProblem> problems = new ArrayList<>();
		if (request.underlayCidrs() == null || request.underlayCidrs().size() > CloudRequest.MAX_UNDERLAYS) {
			// the size constraint refuses a longer list; comparing its items would be wasted work
			return problems;
		}
		List<Cidr> underlays = new ArrayList<>();
		for (String text : request.underlayCidrs()) {
			try {
				underlays.add(Cidr.parse(text));
			}
			catch (InvalidCidrException ex) {
				// reported by the field constraint; the other checks need every CIDR
				return problems;
			}
		}
		overlaps(underlays, problems);
		Optional<InetAddress> gateway = IpAddresses.parse(request.underlayGateway());
		if (gateway.isPresent()) {
			Optional<Cidr> home = underlays.stream().filter(cidr -> cidr.contains(gateway.get())).findFirst();
			if (home.isEmpty()) {
				problems.add(new FieldProblem("underlayGateway", request.underlayGateway()
						+ " is not inside any underlay CIDR (" + String.join(", ", request.underlayCidrs()) + ")"));
			}
			else if (home.get().prefixLength() < home.get().network().getAddress().length * 8
					&& home.get().network().equals(gateway.get())) {
				problems.add(new FieldProblem("underlayGateway", request.underlayGateway()
						+ " is the network address of " + home.get() + "; a gateway is a host address"));
			}
		}
		return problems;
	}

}
