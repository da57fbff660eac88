package io.tfmesh.fabric.tf;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A virtual network.
 *
 * @param routeTargets {@code route_target_list}: imported and exported, such as
 * {@code target:64512:1000}
 * @param networkPolicyRefs fq_names of the attached network policies
 * @param addressAllocationMode null when the field is absent (the server then applies
 * {@code user-defined-subnet-preferred})
 * @param fabricSnat null when the field is absent
 */
public record VirtualNetwork(@Nullable String uuid, List<String> fqName, List<IpamRef> ipamRefs,
		List<String> routeTargets, List<String> importRouteTargets, List<String> exportRouteTargets,
		List<List<String>> networkPolicyRefs, @Nullable String addressAllocationMode,
		@Nullable Boolean fabricSnat) implements TfObject {

	public static final String TYPE = "virtual-network";

	public VirtualNetwork {
		fqName = List.copyOf(fqName);
		ipamRefs = List.copyOf(ipamRefs);
		routeTargets = List.copyOf(routeTargets);
		importRouteTargets = List.copyOf(importRouteTargets);
		exportRouteTargets = List.copyOf(exportRouteTargets);
		networkPolicyRefs = networkPolicyRefs.stream().<List<String>>map(List::copyOf).toList();
	}

	@Override
	public String type() {
		return TYPE;
	}

	/**
	 * A reference to an IPAM.
	 *
	 * @param subnets canonical CIDRs of the reference's {@code ipam_subnets}; empty for a
	 * flat-subnet IPAM, whose subnets are on the IPAM itself
	 */
	public record IpamRef(List<String> to, List<String> subnets) {

		public IpamRef {
			to = List.copyOf(to);
			subnets = List.copyOf(subnets);
		}

	}

}
