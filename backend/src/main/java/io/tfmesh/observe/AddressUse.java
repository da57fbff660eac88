package io.tfmesh.observe;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.VirtualNetwork;
import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import io.tfmesh.net.IpAddresses;

/**
 * How many instance-ips hold an address in each subnet TF knows: the API server refuses to
 * remove a subnet while any do (409, {@code network_ipam.py}), so a plan must know before it
 * proposes the removal.
 */
final class AddressUse {

	private AddressUse() {
	}

	static Map<String, Long> count(List<NetworkIpam> ipams, List<VirtualNetwork> networks, List<String> addresses) {
		Set<String> subnets = new LinkedHashSet<>();
		ipams.forEach(ipam -> subnets.addAll(ipam.subnets()));
		networks.forEach(network -> network.ipamRefs().forEach(ref -> subnets.addAll(ref.subnets())));
		List<InetAddress> parsed = addresses.stream()
			.map(IpAddresses::parse)
			.flatMap(Optional::stream)
			.toList();
		Map<String, Long> use = new TreeMap<>();
		for (String subnet : subnets) {
			try {
				Cidr cidr = Cidr.parse(subnet);
				use.put(subnet, parsed.stream().filter(cidr::contains).count());
			}
			catch (InvalidCidrException ex) {
				// a subnet tfmesh cannot read is never proposed for removal, so its count is not needed
			}
		}
		return use;
	}

}
