package io.tfmesh.emulator.tf;

import java.util.ArrayList;
import java.util.List;

import io.tfmesh.emulator.tf.TfConfigApiEmulator.BgpRouterSeed;
import io.tfmesh.emulator.tf.TfStore.Stored;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes what a TF install leaves in the config database: the server's default objects,
 * kube-manager's cluster provisioning ({@code _provision_cluster}) and the provisioner's
 * control nodes ({@code provision_control.py}). Each step creates only what is missing, as
 * they do on a restart.
 */
final class KubeManagerSeed {

	static final String DOMAIN = "default-domain";

	static final List<String> IP_FABRIC = List.of(DOMAIN, "default-project", "ip-fabric");

	static final List<String> IP_FABRIC_INSTANCE = List.of(DOMAIN, "default-project", "ip-fabric", "__default__");

	private static final List<String> CONTROL_FAMILIES = List.of("route-target", "inet-vpn", "e-vpn", "erm-vpn",
			"inet6-vpn");

	private final TfStore store;

	KubeManagerSeed(TfStore store) {
		this.store = store;
	}

	/**
	 * @param ipFabricForwarding kube-manager's ip_fabric_forwarding: the pod network then
	 * references the ip-fabric IPAM instead of the pod IPAM, and on creation the ip-fabric network
	 * as its provider
	 */
	void provisionCluster(String cluster, List<String> podSubnets, List<String> serviceSubnets,
			List<String> ipFabricSubnets, boolean ipFabricForwarding) {
		synchronized (store) {
			Stored ipFabric = serverDefaults();
			Stored project = ensure("project", List.of(DOMAIN, cluster + "-default"), fields("domain"), true);
			ensure("project", List.of(DOMAIN, cluster + "-kube-system"), fields("domain"), true);
			Stored ipFabricIpam = ipam(project, cluster + "-ip-fabric-ipam", ipFabricSubnets);
			Stored podIpam = ipam(project, cluster + "-pod-ipam", podSubnets);
			Stored podNetwork = network(project, cluster + "-default-pod-network",
					ipFabricForwarding ? ipFabricIpam : podIpam, ipFabricForwarding ? ipFabric : null);
			Stored serviceIpam = ipam(project, cluster + "-service-ipam", serviceSubnets);
			Stored serviceNetwork = network(project, cluster + "-default-service-network", serviceIpam, null);
			Stored ipFabricPolicy = policyToNetwork(project, cluster + "-default-ip-fabric-np", ipFabric);
			Stored servicePolicy = policyToNetwork(project, cluster + "-default-service-np", serviceNetwork);
			Stored podServicePolicy = policy(project, cluster + "-default-pod-service-np",
					rule(address("virtual_network", podNetwork), address("virtual_network", serviceNetwork)));
			attach(ipFabric, ipFabricPolicy);
			attach(podNetwork, ipFabricPolicy, podServicePolicy);
			attach(serviceNetwork, ipFabricPolicy, servicePolicy, podServicePolicy);
		}
	}

	void provisionControl(long asn, List<BgpRouterSeed> controlNodes) {
		synchronized (store) {
			serverDefaults();
			List<String> configName = List.of("default-global-system-config");
			ObjectNode settings = fields("config-root");
			settings.put("autonomous_system", asn);
			settings.put("ibgp_auto_mesh", true);
			Stored config = store.find("global-system-config", configName);
			if (config == null) {
				config = ensure("global-system-config", configName, settings, false);
			}
			else {
				store.update("global-system-config", config.uuid(), TfStore.wrap("global-system-config", settings));
			}
			for (BgpRouterSeed node : controlNodes) {
				List<String> name = new ArrayList<>(IP_FABRIC_INSTANCE);
				name.add(node.hostname());
				ObjectNode fields = fields("routing-instance");
				ObjectNode parameters = fields.putObject("bgp_router_parameters");
				parameters.put("router_type", "control-node");
				parameters.put("vendor", "contrail");
				parameters.put("address", node.address());
				parameters.put("identifier", node.address());
				parameters.put("autonomous_system", asn);
				parameters.put("port", 179);
				parameters.put("hold_time", 90);
				parameters.putObject("address_families").set("family", strings(CONTROL_FAMILIES));
				parameters.put("admin_down", false);
				Stored router = store.find("bgp-router", name);
				if (router == null) {
					router = ensure("bgp-router", name, fields, true);
				}
				else {
					store.update("bgp-router", router.uuid(), TfStore.wrap("bgp-router", fields));
				}
				store.updateRef("global-system-config", config.uuid(), "bgp-router", router.uuid(), null, true);
				store.relax(config.uuid(), router.uuid());
			}
		}
	}

	/** What contrail-api creates for itself at first start; kube-manager waits for it. */
	private Stored serverDefaults() {
		ensure("domain", List.of(DOMAIN), fields("config-root"), false);
		Stored project = ensure("project", List.of(DOMAIN, "default-project"), fields("domain"), false);
		ensure("network-ipam", child(project, "default-network-ipam"), fields("project"), false);
		Stored ipFabric = ensure("virtual-network", IP_FABRIC, fields("project"), false);
		ensure("routing-instance", IP_FABRIC_INSTANCE, fields("virtual-network"), false);
		return ipFabric;
	}

	/** kube-manager's {@code _create_ipam}: an existing IPAM gets the subnets only when it has none. */
	private Stored ipam(Stored project, String name, List<String> subnets) {
		ObjectNode fields = fields("project");
		fields.put("ipam_subnet_method", "flat-subnet");
		ArrayNode entries = fields.putObject("ipam_subnets").putArray("subnets");
		for (String text : subnets) {
			// kube-manager splits the setting at the slash and sends both parts as they are
			String[] parts = text.strip().split("/", 2);
			ObjectNode subnet = entries.addObject().putObject("subnet");
			subnet.put("ip_prefix", parts[0]);
			subnet.put("ip_prefix_len", Integer.parseInt(parts[1]));
		}
		List<String> fqName = child(project, name);
		Stored existing = store.find("network-ipam", fqName);
		if (existing == null) {
			return ensure("network-ipam", fqName, fields, true);
		}
		if (existing.object().path("ipam_subnets").path("subnets").isEmpty()) {
			return store.update("network-ipam", existing.uuid(), TfStore.wrap("network-ipam", fields));
		}
		return existing;
	}

	/**
	 * kube-manager's {@code _create_network}: flat-subnet-only, l3, the IPAM referenced with no
	 * subnets of its own; an IPAM is added to an existing network, never swapped.
	 * @param provider the ip-fabric network under IP fabric forwarding, linked on creation only
	 */
	private Stored network(Stored project, String name, Stored ipam, @Nullable Stored provider) {
		List<String> fqName = child(project, name);
		ObjectNode properties = TfStore.NODES.objectNode();
		properties.put("forwarding_mode", "l3");
		Stored existing = store.find("virtual-network", fqName);
		if (existing != null) {
			if (!TfStore.refersTo(existing, ipam.uuid())) {
				ObjectNode attr = TfStore.NODES.objectNode();
				attr.putArray("ipam_subnets");
				store.updateRef("virtual-network", existing.uuid(), "network-ipam", ipam.uuid(), attr, true);
			}
			ObjectNode fields = TfStore.NODES.objectNode();
			fields.set("virtual_network_properties", properties);
			return store.update("virtual-network", existing.uuid(), TfStore.wrap("virtual-network", fields));
		}
		ObjectNode fields = fields("project");
		fields.put("address_allocation_mode", "flat-subnet-only");
		ObjectNode ref = fields.putArray("network_ipam_refs").addObject();
		ref.set("to", ipam.object().get("fq_name").deepCopy());
		ref.putObject("attr").putArray("ipam_subnets");
		fields.set("virtual_network_properties", properties);
		if (provider != null) {
			fields.putArray("virtual_network_refs").addObject().set("to", provider.object().get("fq_name").deepCopy());
		}
		else {
			fields.put("fabric_snat", false);
		}
		return ensure("virtual-network", fqName, fields, true);
	}

	/** {@code _create_np_vn_policy}: traffic between the networks the policy is attached to and one network. */
	private Stored policyToNetwork(Stored project, String name, Stored network) {
		String self = String.join(":", child(project, name));
		ObjectNode source = TfStore.NODES.objectNode();
		source.put("network_policy", self);
		return policy(project, name, rule(source, address("virtual_network", network)));
	}

	/** The rules are rewritten on every run, as kube-manager does. */
	private Stored policy(Stored project, String name, ObjectNode rule) {
		ObjectNode fields = fields("project");
		fields.putObject("network_policy_entries").putArray("policy_rule").add(rule);
		List<String> fqName = child(project, name);
		Stored existing = store.find("network-policy", fqName);
		if (existing == null) {
			return ensure("network-policy", fqName, fields, true);
		}
		return store.update("network-policy", existing.uuid(), TfStore.wrap("network-policy", fields));
	}

	private static ObjectNode rule(ObjectNode source, ObjectNode destination) {
		ObjectNode rule = TfStore.NODES.objectNode();
		rule.put("direction", "<>");
		rule.putObject("action_list").put("simple_action", "pass");
		rule.put("protocol", "any");
		rule.putArray("src_addresses").add(source);
		rule.putArray("src_ports").add(anyPort());
		rule.putArray("dst_addresses").add(destination);
		rule.putArray("dst_ports").add(anyPort());
		return rule;
	}

	private static ObjectNode anyPort() {
		ObjectNode port = TfStore.NODES.objectNode();
		port.put("start_port", -1);
		port.put("end_port", -1);
		return port;
	}

	private static ObjectNode address(String kind, Stored target) {
		ObjectNode address = TfStore.NODES.objectNode();
		address.put(kind, String.join(":", target.fqName()));
		return address;
	}

	/** {@code _attach_policy}: sequence 0.0, and the reference relaxed so the policy can go first. */
	private void attach(Stored network, Stored... policies) {
		for (Stored policy : policies) {
			ObjectNode attr = TfStore.NODES.objectNode();
			ObjectNode sequence = attr.putObject("sequence");
			sequence.put("major", 0);
			sequence.put("minor", 0);
			store.updateRef("virtual-network", network.uuid(), "network-policy", policy.uuid(), attr, true);
			store.relax(network.uuid(), policy.uuid());
		}
	}

	private Stored ensure(String type, List<String> fqName, ObjectNode fields, boolean viaApi) {
		Stored existing = store.find(type, fqName);
		if (existing != null) {
			return existing;
		}
		fields.set("fq_name", strings(fqName));
		return store.create(type, TfStore.wrap(type, fields), viaApi);
	}

	private static ObjectNode fields(@Nullable String parentType) {
		ObjectNode fields = TfStore.NODES.objectNode();
		if (parentType != null) {
			fields.put("parent_type", parentType);
		}
		return fields;
	}

	private static List<String> child(Stored parent, String name) {
		List<String> fqName = new ArrayList<>(parent.fqName());
		fqName.add(name);
		return fqName;
	}

	private static ArrayNode strings(List<String> values) {
		ArrayNode array = TfStore.NODES.arrayNode();
		values.forEach(array::add);
		return array;
	}

}
