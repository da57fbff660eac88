package io.tfmesh.inventory;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import io.tfmesh.net.IpAddresses;
import io.tfmesh.system.error.FieldProblem;

/** Checks of a cloud that need more than one field: run after the per-field constraints passed. */
final class CloudRules {

	private CloudRules() {
	}

	static List<FieldProblem> check(CloudRequest request) {
		List<FieldProblem> problems = new ArrayList<>();
		if (request.underlayCidrs() == null) {
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
		for (int i = 0; i < underlays.size(); i++) {
			for (int j = 0; j < i; j++) {
				if (underlays.get(i).overlaps(underlays.get(j))) {
					problems.add(new FieldProblem("underlayCidrs[" + i + "]", underlays.get(i) + " overlaps "
							+ underlays.get(j) + " (underlayCidrs[" + j + "]); list each underlay network once"));
				}
			}
		}
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
