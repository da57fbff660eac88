package io.tfmesh.fabric.tf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.tfmesh.fabric.tf.BgpRouter.BgpPeering;
import io.tfmesh.fabric.tf.BgpRouter.BgpRouterParameters;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyAddress;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyRule;
import io.tfmesh.fabric.tf.NetworkPolicy.PortRange;
import io.tfmesh.fabric.tf.VirtualNetwork.IpamRef;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.fabric.tf.TfJson.cidr;
import static io.tfmesh.fabric.tf.TfJson.fqName;
import static io.tfmesh.fabric.tf.TfJson.invalid;
import static io.tfmesh.fabric.tf.TfJson.requiredText;
import static io.tfmesh.fabric.tf.TfJson.strings;
import static io.tfmesh.fabric.tf.TfJson.text;

/** Turns objects as the config API returns them into tfmesh's records. */
final class TfReader {

	private TfReader() {
	}

	static TfObject read(String type, JsonNode object) {
		return switch (type) {
			case Project.TYPE -> project(object);
			case NetworkIpam.TYPE -> networkIpam(object);
			case VirtualNetwork.TYPE -> virtualNetwork(object);
			case NetworkPolicy.TYPE -> networkPolicy(object);
			case BgpRouter.TYPE -> bgpRouter(object);
			case GlobalSystemConfig.TYPE -> globalSystemConfig(object);
			default -> throw new IllegalArgumentException("tfmesh does not model " + type);
		};
	}

	static Project project(JsonNode object) {
		return new Project(uuid(object, Project.TYPE), fqName(object, Project.TYPE));
	}

	static NetworkIpam networkIpam(JsonNode object) {
		String what = describe(NetworkIpam.TYPE, object);
		String method = text(object.path("ipam_subnet_method"));
		return new NetworkIpam(uuid(object, what), fqName(object, what),
				method != null ? method : "user-defined-subnet",
				ipamSubnets(object.path("ipam_subnets").path("subnets"), what));
	}

	static VirtualNetwork virtualNetwork(JsonNode object) {
		String what = describe(VirtualNetwork.TYPE, object);
		List<IpamRef> ipamRefs = new ArrayList<>();
		for (JsonNode ref : object.path("network_ipam_refs")) {
			ipamRefs.add(ipamRef(ref, what));
		}
		List<List<String>> policies = new ArrayList<>();
		for (JsonNode ref : object.path("network_policy_refs")) {
			policies.add(refTo(ref, what));
		}
		JsonNode fabricSnat = object.path("fabric_snat");
		return new VirtualNetwork(uuid(object, what), fqName(object, what), ipamRefs,
				routeTargets(object.path("route_target_list")), routeTargets(object.path("import_route_target_list")),
				routeTargets(object.path("export_route_target_list")), policies,
				text(object.path("address_allocation_mode")), fabricSnat.isBoolean() ? fabricSnat.asBoolean() : null);
	}

	static IpamRef ipamRef(JsonNode ref, String what) {
		return new IpamRef(refTo(ref, what), ipamSubnets(ref.path("attr").path("ipam_subnets"), what));
	}

	static List<String> routeTargets(JsonNode list) {
		return strings(list.path("route_target"));
	}

	static NetworkPolicy networkPolicy(JsonNode object) {
		String what = describe(NetworkPolicy.TYPE, object);
		List<PolicyRule> rules = new ArrayList<>();
		for (JsonNode rule : object.path("network_policy_entries").path("policy_rule")) {
			rules.add(policyRule(rule, what));
		}
		return new NetworkPolicy(uuid(object, what), fqName(object, what), rules);
	}

	static PolicyRule policyRule(JsonNode rule, String what) {
		String action = text(rule.path("action_list").path("simple_action"));
		return new PolicyRule(orEmpty(text(rule.path("direction"))), orEmpty(text(rule.path("protocol"))),
				addresses(rule.path("src_addresses"), what), ports(rule.path("src_ports")),
				addresses(rule.path("dst_addresses"), what), ports(rule.path("dst_ports")), orEmpty(action));
	}

	static BgpRouter bgpRouter(JsonNode object) {
		String what = describe(BgpRouter.TYPE, object);
		JsonNode params = object.path("bgp_router_parameters");
		BgpRouterParameters parameters = new BgpRouterParameters(orEmpty(text(params.path("router_type"))),
				text(params.path("vendor")), orEmpty(text(params.path("address"))),
				orEmpty(text(params.path("identifier"))), params.path("autonomous_system").asLong(0),
				params.path("port").asInt(179), params.path("hold_time").asInt(0),
				strings(params.path("address_families").path("family")), params.path("admin_down").asBoolean(false));
		List<BgpPeering> peers = new ArrayList<>();
		for (JsonNode ref : object.path("bgp_router_refs")) {
			peers.add(peering(ref, what));
		}
		return new BgpRouter(uuid(object, what), fqName(object, what), parameters, peers);
	}

	static BgpPeering peering(JsonNode ref, String what) {
		Set<String> families = new LinkedHashSet<>();
		for (JsonNode session : ref.path("attr").path("session")) {
			for (JsonNode attributes : session.path("attributes")) {
				families.addAll(strings(attributes.path("address_families").path("family")));
			}
		}
		return new BgpPeering(refTo(ref, what), List.copyOf(families));
	}

	static GlobalSystemConfig globalSystemConfig(JsonNode object) {
		String what = describe(GlobalSystemConfig.TYPE, object);
		return new GlobalSystemConfig(uuid(object, what), fqName(object, what),
				object.path("autonomous_system").asLong(0), object.path("enable_4byte_as").asBoolean(false),
				object.path("ibgp_auto_mesh").asBoolean(true));
	}

	private static List<String> ipamSubnets(JsonNode ipamSubnets, String what) {
		List<String> cidrs = new ArrayList<>();
		for (JsonNode entry : ipamSubnets) {
			// flat-subnet references carry entries with only a subnet_uuid
			if (entry.path("subnet").isObject()) {
				cidrs.add(cidr(entry.path("subnet"), what));
			}
		}
		return cidrs;
	}

	private static List<PolicyAddress> addresses(JsonNode addresses, String what) {
		List<PolicyAddress> result = new ArrayList<>();
		for (JsonNode address : addresses) {
			JsonNode subnet = address.path("subnet");
			result.add(new PolicyAddress(text(address.path("virtual_network")),
					subnet.isObject() ? cidr(subnet, what) : null, text(address.path("network_policy"))));
		}
		return result;
	}

	private static List<PortRange> ports(JsonNode ports) {
		List<PortRange> result = new ArrayList<>();
		for (JsonNode port : ports) {
			result.add(new PortRange(port.path("start_port").asInt(-1), port.path("end_port").asInt(-1)));
		}
		return result;
	}

	private static List<String> refTo(JsonNode ref, String what) {
		JsonNode to = ref.path("to");
		if (!to.isArray() || to.isEmpty()) {
			throw invalid(what + " has a reference without 'to'");
		}
		return strings(to);
	}

	private static String uuid(JsonNode object, String what) {
		return requiredText(object, "uuid", what);
	}

	private static String describe(String type, JsonNode object) {
		JsonNode fqName = object.path("fq_name");
		return fqName.isArray() ? type + " " + String.join(":", strings(fqName)) : type;
	}

	private static String orEmpty(@Nullable String value) {
		return value != null ? value : "";
	}

}
