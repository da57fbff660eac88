package io.tfmesh.fabric.tf;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A BGP speaker: a control node, another cluster's control node, or a physical router. They
 * live under the routing instance {@code default-domain:default-project:ip-fabric:__default__}.
 *
 * @param peers the {@code bgp_router_refs}: sessions configured from this router's side
 */
public record BgpRouter(@Nullable String uuid, List<String> fqName, BgpRouterParameters parameters,
		List<BgpPeering> peers) implements TfObject {

	public static final String TYPE = "bgp-router";

	/** fq_name of the routing instance every bgp-router belongs to. */
	public static final List<String> PARENT = List.of("default-domain", "default-project", "ip-fabric", "__default__");

	public BgpRouter {
		fqName = List.copyOf(fqName);
		peers = List.copyOf(peers);
	}

	@Override
	public String type() {
		return TYPE;
	}

	/**
	 * {@code bgp_router_parameters}.
	 *
	 * @param routerType {@code control-node}, {@code external-control-node}, {@code router},
	 * {@code bgpaas-server} or {@code bgpaas-client}
	 * @param vendor {@code contrail} for control nodes; null when absent, which the schema
	 * transformer treats as {@code contrail}
	 * @param port 179 when absent
	 * @param holdTime 0 when absent, which means 90 seconds
	 */
	public record BgpRouterParameters(String routerType, @Nullable String vendor, String address, String identifier,
			long autonomousSystem, int port, int holdTime, List<String> addressFamilies, boolean adminDown) {

		public BgpRouterParameters {
			addressFamilies = List.copyOf(addressFamilies);
		}

	}

	/**
	 * A peering to another bgp-router.
	 *
	 * @param addressFamilies the families of the session attributes, in order and without
	 * repeats; empty when the reference carries none
	 */
	public record BgpPeering(List<String> to, List<String> addressFamilies) {

		public BgpPeering {
			to = List.copyOf(to);
			addressFamilies = List.copyOf(addressFamilies);
		}

	}

}
