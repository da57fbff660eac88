package io.tfmesh.fabric.tf;

import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.tf.BgpRouter.BgpPeering;
import io.tfmesh.fabric.tf.BgpRouter.BgpRouterParameters;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyAddress;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyRule;
import io.tfmesh.fabric.tf.NetworkPolicy.PortRange;
import io.tfmesh.fabric.tf.VirtualNetwork.IpamRef;
import io.tfmesh.net.InvalidCidrException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.tfmesh.fabric.tf.TfJson.array;
import static io.tfmesh.fabric.tf.TfJson.object;
import static io.tfmesh.fabric.tf.TfJson.stringArray;

/**
 * Builds request bodies. An update sends only the fields whose modelled value differs from the
 * stored object once both are normalized ({@link TfValues}), and reuses the stored JSON of every unchanged entry, so that what tfmesh does
 * not model (subnet uuids, default gateways, sequence numbers, session uuids) survives.
 */
final class TfWriter {

	private TfWriter() {
	}

	static ObjectNode createBody(TfObject object) {
		ObjectNode fields = object();
		fields.set("fq_name", stringArray(object.fqName()));
		fields.put("parent_type", parentType(object));
		if (object.uuid() != null) {
			fields.put("uuid", object.uuid());
		}
		JsonNode none = TfJson.object();
		if (object instanceof NetworkIpam ipam) {
			ipamFields(ipam, null, none, fields);
		}
		else if (object instanceof VirtualNetwork network) {
			networkFields(network, null, none, fields);
		}
		else if (object instanceof NetworkPolicy policy) {
			policyFields(policy, null, none, fields);
		}
		else if (object instanceof BgpRouter router) {
			routerFields(router, null, none, fields);
		}
		else if (object instanceof GlobalSystemConfig config) {
			configFields(config, null, fields);
		}
		return wrap(object.type(), fields);
	}

	/**
	 * Route targets and subnets are compared as the server stores them, so an update tfmesh
	 * wrote reads back as no difference however it was spelled.
	 */
	static ObjectNode updateBody(TfObject wanted, JsonNode stored) {
		TfObject desired = TfValues.normalized(wanted);
		ObjectNode fields = object();
		fields.set("fq_name", stringArray(desired.fqName()));
		TfObject current = TfReader.read(desired.type(), stored);
		if (desired instanceof NetworkIpam ipam) {
			ipamFields(ipam, (NetworkIpam) current, stored, fields);
		}
		else if (desired instanceof VirtualNetwork network) {
			networkFields(network, (VirtualNetwork) current, stored, fields);
		}
		else if (desired instanceof NetworkPolicy policy) {
			policyFields(policy, (NetworkPolicy) current, stored, fields);
		}
		else if (desired instanceof BgpRouter router) {
			routerFields(router, (BgpRouter) current, stored, fields);
		}
		else if (desired instanceof GlobalSystemConfig config) {
			configFields(config, (GlobalSystemConfig) current, fields);
		}
		return wrap(desired.type(), fields);
	}

	private static String parentType(TfObject object) {
		return switch (object.type()) {
			case Project.TYPE -> "domain";
			case BgpRouter.TYPE -> "routing-instance";
			case GlobalSystemConfig.TYPE -> "config-root";
			default -> "project";
		};
	}

	private static void ipamFields(NetworkIpam ipam, @Nullable NetworkIpam current, JsonNode stored,
			ObjectNode fields) {
		if (current == null || !ipam.subnetMethod().equals(current.subnetMethod())) {
			fields.put("ipam_subnet_method", ipam.subnetMethod());
		}
		if (current == null ? !ipam.subnets().isEmpty() : !ipam.subnets().equals(current.subnets())) {
			ObjectNode ipamSubnets = fields.putObject("ipam_subnets");
			ipamSubnets.set("subnets", ipamSubnetEntries(ipam.subnets(), stored.path("ipam_subnets").path("subnets")));
		}
	}

	private static void networkFields(VirtualNetwork network, @Nullable VirtualNetwork current, JsonNode stored,
			ObjectNode fields) {
		if (current == null ? !network.ipamRefs().isEmpty() : !network.ipamRefs().equals(current.ipamRefs())) {
			fields.set("network_ipam_refs", refs(network.ipamRefs(), IpamRef::to, stored.path("network_ipam_refs"),
					(ref, raw) -> {
						ObjectNode attr = object();
						JsonNode kept = raw.path("attr").path("ipam_subnets");
						attr.set("ipam_subnets", ipamSubnetEntries(ref.subnets(), kept));
						return attr;
					}, raw -> TfReader.ipamRef(raw, "stored reference")));
		}
		routeTargetField(fields, "route_target_list", network.routeTargets(), current, VirtualNetwork::routeTargets);
		routeTargetField(fields, "import_route_target_list", network.importRouteTargets(), current,
				VirtualNetwork::importRouteTargets);
		routeTargetField(fields, "export_route_target_list", network.exportRouteTargets(), current,
				VirtualNetwork::exportRouteTargets);
		if (current == null ? !network.networkPolicyRefs().isEmpty()
				: !network.networkPolicyRefs().equals(current.networkPolicyRefs())) {
			fields.set("network_policy_refs", refs(network.networkPolicyRefs(), to -> to,
					stored.path("network_policy_refs"), (to, raw) -> sequence(),
					raw -> TfJson.strings(raw.path("to"))));
		}
		if (network.addressAllocationMode() != null && (current == null
				|| !network.addressAllocationMode().equals(current.addressAllocationMode()))) {
			fields.put("address_allocation_mode", network.addressAllocationMode());
		}
		if (network.fabricSnat() != null && (current == null || !network.fabricSnat().equals(current.fabricSnat()))) {
			fields.put("fabric_snat", network.fabricSnat());
		}
	}

	private static void routeTargetField(ObjectNode fields, String field, List<String> targets,
			@Nullable VirtualNetwork current, Function<VirtualNetwork, List<String>> stored) {
		if (current == null ? !targets.isEmpty() : !targets.equals(stored.apply(current))) {
			fields.putObject(field).set("route_target", stringArray(targets));
		}
	}

	private static void policyFields(NetworkPolicy policy, @Nullable NetworkPolicy current, JsonNode stored,
			ObjectNode fields) {
		if (current != null && policy.rules().equals(current.rules())) {
			return;
		}
		ArrayNode rules = array();
		for (PolicyRule rule : policy.rules()) {
			JsonNode kept = null;
			for (JsonNode raw : stored.path("network_policy_entries").path("policy_rule")) {
				if (TfReader.policyRule(raw, "stored rule").equals(rule)) {
					kept = raw;
					break;
				}
			}
			rules.add(kept != null ? kept : policyRule(rule));
		}
		fields.putObject("network_policy_entries").set("policy_rule", rules);
	}

	private static ObjectNode policyRule(PolicyRule rule) {
		ObjectNode raw = object();
		raw.put("direction", rule.direction());
		raw.put("protocol", rule.protocol());
		raw.set("src_addresses", addresses(rule.sources()));
		raw.set("src_ports", ports(rule.sourcePorts()));
		raw.set("dst_addresses", addresses(rule.destinations()));
		raw.set("dst_ports", ports(rule.destinationPorts()));
		if (!rule.action().isEmpty()) {
			raw.putObject("action_list").put("simple_action", rule.action());
		}
		return raw;
	}

	private static ArrayNode addresses(List<PolicyAddress> addresses) {
		ArrayNode array = array();
		for (PolicyAddress address : addresses) {
			ObjectNode raw = array.addObject();
			if (address.virtualNetwork() != null) {
				raw.put("virtual_network", address.virtualNetwork());
			}
			if (address.subnet() != null) {
				raw.set("subnet", subnet(address.subnet()));
			}
			if (address.networkPolicy() != null) {
				raw.put("network_policy", address.networkPolicy());
			}
		}
		return array;
	}

	private static ArrayNode ports(List<PortRange> ports) {
		ArrayNode array = array();
		for (PortRange port : ports) {
			ObjectNode raw = array.addObject();
			raw.put("start_port", port.start());
			raw.put("end_port", port.end());
		}
		return array;
	}

	private static void routerFields(BgpRouter router, @Nullable BgpRouter current, JsonNode stored,
			ObjectNode fields) {
		if (current == null || !router.parameters().equals(current.parameters())) {
			JsonNode kept = stored.path("bgp_router_parameters");
			ObjectNode params = kept.isObject() ? ((ObjectNode) kept).deepCopy() : object();
			BgpRouterParameters p = router.parameters();
			params.put("router_type", p.routerType());
			if (p.vendor() != null) {
				params.put("vendor", p.vendor());
			}
			params.put("address", p.address());
			params.put("identifier", p.identifier());
			params.put("autonomous_system", p.autonomousSystem());
			params.put("port", p.port());
			params.put("hold_time", p.holdTime());
			params.putObject("address_families").set("family", stringArray(p.addressFamilies()));
			params.put("admin_down", p.adminDown());
			fields.set("bgp_router_parameters", params);
		}
		if (current == null ? !router.peers().isEmpty() : !router.peers().equals(current.peers())) {
			fields.set("bgp_router_refs", refs(router.peers(), BgpPeering::to, stored.path("bgp_router_refs"),
					(peer, raw) -> session(peer), raw -> TfReader.peering(raw, "stored reference")));
		}
	}

	private static ObjectNode session(BgpPeering peer) {
		ObjectNode attr = object();
		ObjectNode attributes = attr.putArray("session").addObject().putArray("attributes").addObject();
		attributes.putObject("address_families").set("family", stringArray(peer.addressFamilies()));
		return attr;
	}

	private static void configFields(GlobalSystemConfig config, @Nullable GlobalSystemConfig current,
			ObjectNode fields) {
		if (current == null || config.autonomousSystem() != current.autonomousSystem()) {
			fields.put("autonomous_system", config.autonomousSystem());
		}
		if (current == null || config.enable4ByteAs() != current.enable4ByteAs()) {
			fields.put("enable_4byte_as", config.enable4ByteAs());
		}
		if (current == null || config.ibgpAutoMesh() != current.ibgpAutoMesh()) {
			fields.put("ibgp_auto_mesh", config.ibgpAutoMesh());
		}
	}

	/**
	 * A reference list: a stored reference that reads back as the wanted entry is sent
	 * unchanged; otherwise a new one with a fresh attr.
	 */
	private static <T> ArrayNode refs(List<T> wanted, Function<T, List<String>> to, JsonNode stored,
			BiFunction<T, JsonNode, JsonNode> attr, Function<JsonNode, T> read) {
		ArrayNode refs = array();
		for (T entry : wanted) {
			JsonNode sameTarget = TfJson.object();
			for (JsonNode raw : stored) {
				if (TfJson.strings(raw.path("to")).equals(to.apply(entry))) {
					sameTarget = raw;
					break;
				}
			}
			if (sameTarget.has("to") && Objects.equals(read.apply(sameTarget), entry)) {
				ObjectNode kept = ((ObjectNode) sameTarget).deepCopy();
				// the href is the server's rendering, not part of the reference
				kept.remove("href");
				refs.add(kept);
			}
			else {
				ObjectNode ref = refs.addObject();
				ref.set("to", stringArray(to.apply(entry)));
				ref.set("attr", attr.apply(entry, sameTarget));
			}
		}
		return refs;
	}

	private static ArrayNode ipamSubnetEntries(List<String> cidrs, JsonNode stored) {
		ArrayNode entries = array();
		for (String cidr : cidrs) {
			JsonNode kept = null;
			for (JsonNode raw : stored) {
				if (raw.path("subnet").isObject() && TfJson.cidr(raw.path("subnet"), "stored subnet").equals(cidr)) {
					kept = raw;
					break;
				}
			}
			if (kept != null) {
				entries.add(kept);
			}
			else {
				entries.addObject().set("subnet", subnet(cidr));
			}
		}
		return entries;
	}

	private static ObjectNode subnet(String cidr) {
		try {
			return TfJson.subnet(cidr);
		}
		catch (InvalidCidrException ex) {
			throw new FabricException(TfJson.SOURCE, FabricException.Kind.BAD_REQUEST, 0,
					"subnet " + ex.getMessage());
		}
	}

	private static ObjectNode sequence() {
		ObjectNode attr = object();
		ObjectNode sequence = attr.putObject("sequence");
		sequence.put("major", 0);
		sequence.put("minor", 0);
		return attr;
	}

	private static ObjectNode wrap(String type, ObjectNode fields) {
		ObjectNode body = object();
		body.set(type, fields);
		return body;
	}

}
