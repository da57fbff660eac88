package io.tfmesh.fabric.tf;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A network policy: rules between networks, subnets or policies. */
public record NetworkPolicy(@Nullable String uuid, List<String> fqName, List<PolicyRule> rules) implements TfObject {

	public static final String TYPE = "network-policy";

	public NetworkPolicy {
		fqName = List.copyOf(fqName);
		rules = List.copyOf(rules);
	}

	@Override
	public String type() {
		return TYPE;
	}

	/**
	 * One {@code policy_rule}.
	 *
	 * @param direction {@code >} or {@code <>}
	 * @param protocol such as {@code any}, {@code tcp}, {@code udp}, {@code icmp}
	 * @param action the {@code simple_action} ({@code pass} or {@code deny}); empty when the rule
	 * has none (a service-chain rule)
	 */
	public record PolicyRule(String direction, String protocol, List<PolicyAddress> sources,
			List<PortRange> sourcePorts, List<PolicyAddress> destinations, List<PortRange> destinationPorts,
			String action) {

		public PolicyRule {
			sources = List.copyOf(sources);
			sourcePorts = List.copyOf(sourcePorts);
			destinations = List.copyOf(destinations);
			destinationPorts = List.copyOf(destinationPorts);
		}

	}

	/**
	 * One address of a rule; TF sets exactly one of its forms.
	 *
	 * @param virtualNetwork a network's fq_name joined by ':'
	 * @param subnet a canonical CIDR
	 * @param networkPolicy a policy's fq_name joined by ':', meaning every network the policy is
	 * attached to (kube-manager's ip-fabric and service policies use this form)
	 */
	public record PolicyAddress(@Nullable String virtualNetwork, @Nullable String subnet,
			@Nullable String networkPolicy) {

		public PolicyAddress(@Nullable String virtualNetwork, @Nullable String subnet) {
			this(virtualNetwork, subnet, null);
		}

		public static PolicyAddress network(String fqName) {
			return new PolicyAddress(fqName, null, null);
		}

		public static PolicyAddress cidr(String cidr) {
			return new PolicyAddress(null, cidr, null);
		}

		public static PolicyAddress policy(String fqName) {
			return new PolicyAddress(null, null, fqName);
		}

	}

	/** @param start -1 with end -1 means any port */
	public record PortRange(int start, int end) {

		public static final PortRange ANY = new PortRange(-1, -1);

	}

}
