package io.tfmesh.preflight;

import java.util.Arrays;
import java.util.List;

import io.tfmesh.fabric.kubernetes.NodeAddress;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.Setting;
import org.jspecify.annotations.Nullable;

/**
 * The vrouter agent's VROUTER_GATEWAY is the cloud's underlay gateway, not a master's address:
 * with the master as gateway the node loses its connection to the master once vhost0 comes up
 * (tf-container-builder {@code containers/vrouter/agent/actions.sh} writes it as the agent's
 * {@code gateway} and routes KUBERNETES_POD_SUBNETS through it).
 */
final class GatewayCheck {

	static final String KEY = "vrouter-gateway";

	static final String TITLE = "VROUTER_GATEWAY";

	private static final String KEY_NAME = "VROUTER_GATEWAY";

	private GatewayCheck() {
	}

	static CheckResult check(PreflightInput input) {
		String gateway = input.underlayGateway();
		String wanted = gateway + ", the underlay gateway of cloud " + input.cloudName() + ", not a master's address";
		Evidence evidence = evidence(input, gateway, wanted);
		return CheckResult.of(KEY, TITLE, List.of(evidence),
				"The vrouter agent routes through the underlay gateway " + gateway + ".",
				(evidence.node() != null) ? "The vrouter agent's gateway is the address of master " + evidence.node()
						+ ": the node loses its connection to the master when vhost0 comes up."
						: "The vrouter agent's gateway is not the underlay gateway " + gateway + ".",
				"The vrouter agent's gateway is not known.");
	}

	private static Evidence evidence(PreflightInput input, String gateway, String wanted) {
		String source = "VROUTER_GATEWAY of the contrail-vrouter-agent container";
		ObservedState state = input.state();
		if (state == null) {
			return new Evidence(null, null, source + ": the cluster was never observed", wanted, Verdict.UNKNOWN);
		}
		Setting setting = state.vrouterAgent()
			.stream()
			.filter(candidate -> candidate.key().equals(KEY_NAME))
			.findFirst()
			.orElse(null);
		if (setting == null) {
			return new Evidence(null, null, source + ": the agent's settings were not read", wanted, Verdict.UNKNOWN);
		}
		String from = source + " (" + setting.origin() + ")";
		if (setting.unknown()) {
			return new Evidence(null, null, from, wanted, Verdict.UNKNOWN);
		}
		if (setting.value() == null || setting.value().isBlank()) {
			// the entrypoint then takes the default gateway of the NIC towards the first control
			// node, on the node itself, which no API tfmesh reads shows
			return new Evidence(null, null, from + ": not set, so computed on the node at start", wanted,
					Verdict.UNKNOWN);
		}
		String value = setting.value().strip();
		List<String> gateways = Arrays.stream(value.split("[,\\s]+")).filter(part -> !part.isEmpty()).toList();
		NodeInfo master = master(input.masters(), gateways);
		if (master != null) {
			return new Evidence(master.name(), value, from + "; InternalIP of node " + master.name(), wanted,
					Verdict.FAIL);
		}
		Verdict verdict = gateways.equals(List.of(gateway)) ? Verdict.PASS : Verdict.FAIL;
		return new Evidence(null, value, from + "; underlay gateway of cloud " + input.cloudName() + " (inventory)",
				wanted, verdict);
	}

	private static @Nullable NodeInfo master(List<NodeInfo> masters, List<String> gateways) {
		return masters.stream()
			.filter(node -> node.addresses().stream().map(NodeAddress::address).anyMatch(gateways::contains))
			.findFirst()
			.orElse(null);
	}

}
