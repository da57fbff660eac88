package io.tfmesh.plan.compile;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.tfmesh.fabric.kubernetes.ServiceExport;
import io.tfmesh.fabric.kubernetes.ServiceInfo;
import io.tfmesh.fabric.kubernetes.ServicePort;
import io.tfmesh.fabric.tf.NetworkPolicy;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyAddress;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyRule;
import io.tfmesh.fabric.tf.NetworkPolicy.PortRange;
import io.tfmesh.fabric.tf.TfValues;
import io.tfmesh.fabric.tf.VirtualNetwork;
import io.tfmesh.mesh.Kind;
import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import io.tfmesh.net.IpAddresses;
import io.tfmesh.plan.IntentSpec;
import io.tfmesh.plan.StepAction;
import io.tfmesh.plan.StepOperation.DeleteTfObject;
import io.tfmesh.plan.StepOperation.ImportService;
import io.tfmesh.plan.StepOperation.RemoveImportedService;
import io.tfmesh.plan.StepOperation.WriteTfObject;
import io.tfmesh.plan.StepSystem;
import org.jspecify.annotations.Nullable;

/**
 * What each intent needs: a route target shared by the source namespace's pod network and the
 * destination's service and pod networks, so that routes flow both ways over the peering
 * (networks of two clusters cannot share a policy, so route targets are set on each network); a
 * network policy on the destination's service network that lets only the source cluster's pod
 * addresses reach the intent's ports; and in the source namespace a Service without selector
 * whose endpoints are the destination Service's cluster addresses, so pods reach it by a local
 * name. A network is written once, with every intent's additions.
 */
final class IntentSteps {

	static final String INTENT_LABEL = "tfmesh.io/intent";

	static final String REMOTE_CLUSTER_LABEL = "tfmesh.io/remote-cluster";

	static final String REMOTE_NAMESPACE_LABEL = "tfmesh.io/remote-namespace";

	static final String REMOTE_SERVICE_LABEL = "tfmesh.io/remote-service";

	private final Draft draft;

	private final Map<Long, Cluster> clusters;

	private final Map<String, NetworkChange> networks = new LinkedHashMap<>();

	private final List<PendingImport> imports = new ArrayList<>();

	IntentSteps(Draft draft, Map<Long, Cluster> clusters) {
		this.draft = draft;
		this.clusters = clusters;
	}

	void plan(List<IntentSpec> intents) {
		for (IntentSpec intent : intents) {
			intent(intent);
		}
		networks.values().forEach(this::network);
		imports.forEach(this::importService);
	}

	private void intent(IntentSpec intent) {
		String name = "intent " + intent.id() + " (" + intent.sourceNamespace() + " → " + intent.destinationService()
				+ "." + intent.destinationNamespace() + ")";
		Cluster source = clusters.get(intent.sourceClusterId());
		Cluster destination = clusters.get(intent.destinationClusterId());
		if (source == null || destination == null) {
			draft.note(name + " is not planned: its " + (source == null ? "source" : "destination")
					+ " cluster is not planned");
			return;
		}
		if (source.id() == destination.id()) {
			draft.note(name + " is not planned: source and destination are the same cluster, whose pods reach the "
					+ "service directly");
			return;
		}
		ServiceInfo service = destination.service(intent.destinationNamespace(), intent.destinationService());
		if (service == null) {
			draft.note(name + " is not planned: " + destination.name() + " has no Service "
					+ intent.destinationNamespace() + "/" + intent.destinationService());
			return;
		}
		if (service.clusterIps().isEmpty() || service.clusterIps().contains("None")) {
			draft.note(name + " is not planned: " + intent.destinationNamespace() + "/" + intent.destinationService()
					+ " of " + destination.name() + " is headless, so there is no address to import");
			return;
		}
		List<ServicePort> ports = service.ports().stream().filter(port -> allowed(intent, port)).toList();
		if (ports.isEmpty()) {
			draft.note(name + " is not planned: " + intent.destinationNamespace() + "/" + intent.destinationService()
					+ " of " + destination.name() + " has none of the intent's ports");
			return;
		}
		List<String> networkKeys = new ArrayList<>();
		String routeTarget = RouteTargets.of(intent.id(), source.asn(), destination.asn());
		if (routeTarget == null) {
			draft.note(name + ": no route target is planned, since the mesh gave "
					+ (source.asn() == null ? source.name() : destination.name()) + " no ASN");
		}
		else {
			List<String> dependsOn = new ArrayList<>();
			dependsOn.addAll(draft.asnStep(source));
			dependsOn.addAll(draft.asnStep(destination));
			dependsOn.addAll(draft.peeringSteps(source, destination));
			dependsOn.addAll(draft.peeringSteps(destination, source));
			networkKeys.add(addTarget(name, source, source.podNetwork(intent.sourceNamespace()), "pod", routeTarget,
					dependsOn));
			networkKeys.add(addTarget(name, destination, destination.serviceNetwork(intent.destinationNamespace()),
					"service", routeTarget, dependsOn));
			addTarget(name, destination, destination.podNetwork(intent.destinationNamespace()), "pod", routeTarget,
					dependsOn);
		}
		policy(name, intent, source, destination);
		reachability(name, destination, service);
		imports.add(new PendingImport(intent, source, destination, service, ports,
				networkKeys.stream().filter(key -> key != null).toList()));
	}

	private static boolean allowed(IntentSpec intent, ServicePort port) {
		String protocol = intent.protocol().toLowerCase(Locale.ROOT);
		if (!protocol.equals("any") && !protocol.equalsIgnoreCase(port.protocol() == null ? "TCP" : port.protocol())) {
			return false;
		}
		return intent.ports().isEmpty()
				|| intent.ports().stream().anyMatch(range -> range.start() <= port.port() && port.port() <= range.end());
	}

	private @Nullable String addTarget(String intent, Cluster cluster, @Nullable VirtualNetwork network, String kind,
			String routeTarget, List<String> dependsOn) {
		if (network == null) {
			draft.note(intent + ": " + cluster.name() + " has no " + kind + " network in TF, so it gets no route target");
			return null;
		}
		NetworkChange change = change(cluster, network);
		change.routeTargets.add(routeTarget);
		change.dependsOn.addAll(dependsOn);
		return change.key();
	}

	private NetworkChange change(Cluster cluster, VirtualNetwork network) {
		String key = Draft.key(cluster, StepSystem.TUNGSTEN_FABRIC, VirtualNetwork.TYPE,
				String.join(":", network.fqName()));
		return networks.computeIfAbsent(key, k -> new NetworkChange(cluster, network));
	}

	/**
	 * A policy in the destination namespace's project that passes the source cluster's pod
	 * addresses (the ip-fabric range when the source namespace's pods take their addresses from
	 * it) to the intent's ports of the destination's service network.
	 */
	private void policy(String name, IntentSpec intent, Cluster source, Cluster destination) {
		VirtualNetwork serviceNetwork = destination.serviceNetwork(intent.destinationNamespace());
		if (serviceNetwork == null) {
			draft.note(name + ": no network policy is planned, since " + destination.name()
					+ " has no service network in TF");
			return;
		}
		Boolean forwarding = source.forwardingOn(intent.sourceNamespace());
		if (forwarding == null) {
			draft.note(name + ": no network policy is planned, since whether the pods of " + source.name()
					+ " take addresses from its ip-fabric range is unknown");
			return;
		}
		Kind kind = forwarding ? Kind.FABRIC : Kind.POD;
		String range = source.allocation(kind);
		if (range == null) {
			draft.note(name + ": no network policy is planned, since the mesh gave " + source.name() + " no "
					+ kind.id() + " range");
			return;
		}
		String serviceNetworkName = String.join(":", serviceNetwork.fqName());
		List<PortRange> ports = intent.ports().isEmpty() ? List.of(PortRange.ANY)
				: intent.ports().stream().map(port -> new PortRange(port.start(), port.end())).toList();
		PolicyRule rule = new PolicyRule(">", intent.protocol().toLowerCase(Locale.ROOT),
				List.of(PolicyAddress.cidr(TfValues.cidr(range))), List.of(PortRange.ANY),
				List.of(PolicyAddress.network(serviceNetworkName)), ports, "pass");
		List<String> fqName = new ArrayList<>(destination.project(intent.destinationNamespace()));
		fqName.add("tfmesh-intent-" + intent.id());
		NetworkPolicy wanted = new NetworkPolicy(null, fqName, List.of(rule));
		NetworkPolicy existing = destination.policy(fqName);
		NetworkChange change = change(destination, serviceNetwork);
		change.policies.add(fqName);
		if (existing != null && existing.rules().equals(wanted.rules())) {
			return;
		}
		String object = String.join(":", fqName);
		String risk = "lets only " + source.name() + "'s pod addresses " + range + " reach " + serviceNetworkName
				+ " on " + intent.protocol() + " " + portRanges(ports) + "; pods of " + source.name()
				+ " still holding addresses outside it are not let in";
		String key = draft.add(destination, StepSystem.TUNGSTEN_FABRIC, NetworkPolicy.TYPE, object,
				existing == null ? StepAction.CREATE : StepAction.UPDATE,
				existing == null ? Map.of() : Map.of("rules", rules(existing.rules())),
				Map.of("rules", rules(wanted.rules())), List.of(), risk,
				new WriteTfObject(new NetworkPolicy(existing == null ? null : existing.uuid(), fqName, wanted.rules())),
				existing == null ? new DeleteTfObject(NetworkPolicy.TYPE, fqName) : new WriteTfObject(existing));
		change.dependsOn.add(key);
	}

	/** A destination ClusterIP outside the destination's new service range. */
	private void reachability(String name, Cluster destination, ServiceInfo service) {
		String range = destination.allocation(Kind.SERVICE);
		if (range == null) {
			return;
		}
		for (String address : service.clusterIps()) {
			if (!contains(range, address)) {
				draft.note(name + ": " + service.namespace() + "/" + service.name() + " of " + destination.name()
						+ " has ClusterIP " + address + ", outside its new service range " + range
						+ "; it stays reachable only while its old range is routed; recreate the Service to move it");
			}
		}
	}

	private static boolean contains(String range, String address) {
		try {
			InetAddress parsed = IpAddresses.parse(address).orElse(null);
			return parsed != null && Cidr.parse(TfValues.cidr(range)).contains(parsed);
		}
		catch (InvalidCidrException ex) {
			return false;
		}
	}

	private void network(NetworkChange change) {
		VirtualNetwork network = change.network;
		List<String> current = TfValues.routeTargets(network.routeTargets());
		List<String> targets = new ArrayList<>(current);
		change.routeTargets.stream().filter(target -> !targets.contains(target)).forEach(targets::add);
		List<List<String>> policies = new ArrayList<>(network.networkPolicyRefs());
		change.policies.stream().filter(policy -> !policies.contains(policy)).forEach(policies::add);
		if (targets.equals(current) && policies.equals(network.networkPolicyRefs())) {
			return;
		}
		Map<String, String> before = new LinkedHashMap<>();
		Map<String, String> after = new LinkedHashMap<>();
		if (!targets.equals(current)) {
			if (!current.isEmpty()) {
				before.put("route_target_list", String.join(" ", current));
			}
			after.put("route_target_list", String.join(" ", targets));
		}
		if (!policies.equals(network.networkPolicyRefs())) {
			if (!network.networkPolicyRefs().isEmpty()) {
				before.put("network_policy_refs", names(network.networkPolicyRefs()));
			}
			after.put("network_policy_refs", names(policies));
		}
		List<String> effects = new ArrayList<>();
		List<String> added = targets.subList(current.size(), targets.size());
		if (!added.isEmpty()) {
			effects.add("exchanges routes with every network that has " + String.join(" or ", added));
		}
		List<List<String>> attached = policies.subList(network.networkPolicyRefs().size(), policies.size());
		if (!attached.isEmpty()) {
			effects.add("traffic into it is also checked against " + names(attached));
		}
		draft.add(change.cluster, StepSystem.TUNGSTEN_FABRIC, VirtualNetwork.TYPE,
				String.join(":", network.fqName()), StepAction.UPDATE, before, after,
				List.copyOf(change.dependsOn), String.join("; ", effects),
				new WriteTfObject(new VirtualNetwork(network.uuid(), network.fqName(), network.ipamRefs(), targets,
						network.importRouteTargets(), network.exportRouteTargets(), policies,
						network.addressAllocationMode(), network.fabricSnat())),
				new WriteTfObject(network));
	}

	private void importService(PendingImport pending) {
		IntentSpec intent = pending.intent();
		Cluster source = pending.source();
		String namespace = intent.sourceNamespace();
		if (!source.hasNamespace(namespace)) {
			draft.note("intent " + intent.id() + ": " + source.name() + " has no namespace " + namespace
					+ ", so no Service is imported there");
			return;
		}
		String name = ImportedNames.service(intent.destinationService(), pending.destination().name());
		// the endpoints are the remote ClusterIPs, which answer on the Service's own ports
		List<ServicePort> ports = pending.ports()
			.stream()
			.map(port -> new ServicePort(port.name(), port.protocol(), port.port(), port.port()))
			.toList();
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(INTENT_LABEL, String.valueOf(intent.id()));
		labels.put(REMOTE_CLUSTER_LABEL, ImportedNames.labelValue(pending.destination().name()));
		labels.put(REMOTE_NAMESPACE_LABEL, ImportedNames.labelValue(intent.destinationNamespace()));
		labels.put(REMOTE_SERVICE_LABEL, ImportedNames.labelValue(intent.destinationService()));
		ServiceExport export = new ServiceExport(namespace, name, ports, pending.service().clusterIps(), labels);
		ServiceInfo existing = source.service(namespace, name);
		if (existing != null && samePorts(existing.ports(), ports)) {
			return;
		}
		Map<String, String> before = existing == null ? Map.of() : Map.of("ports", ports(existing.ports()));
		Map<String, String> after = new LinkedHashMap<>();
		after.put("ports", ports(ports));
		after.put("endpoints", String.join(" ", export.endpointAddresses()));
		after.put("selector", "none");
		String risk = "pods of " + namespace + " reach " + intent.destinationService() + "."
				+ intent.destinationNamespace() + " of " + pending.destination().name() + " as " + name + "."
				+ namespace + (existing == null ? "; nothing that exists changes"
						: "; replaces the ports of the Service of that name, which tfmesh must manage");
		List<String> dependsOn = pending.networkKeys().stream().filter(draft::has).toList();
		draft.add(source, StepSystem.KUBERNETES, "service", namespace + "/" + name,
				existing == null ? StepAction.CREATE : StepAction.UPDATE, before, after, dependsOn, risk,
				new ImportService(export), existing == null ? new RemoveImportedService(namespace, name) : null);
	}

	private static boolean samePorts(List<ServicePort> observed, List<ServicePort> wanted) {
		if (observed.size() != wanted.size()) {
			return false;
		}
		for (int i = 0; i < observed.size(); i++) {
			ServicePort a = observed.get(i);
			ServicePort b = wanted.get(i);
			if (!Objects.equals(a.name(), b.name()) || !Objects.equals(a.protocol(), b.protocol()) || a.port() != b.port()) {
				return false;
			}
		}
		return true;
	}

	private static String ports(List<ServicePort> ports) {
		return String.join(", ", ports.stream()
			.map(port -> (port.name() == null || port.name().isEmpty() ? "" : port.name() + " ") + port.port() + "/"
					+ port.protocol())
			.toList());
	}

	private static String portRanges(List<PortRange> ports) {
		return String.join(", ", ports.stream()
			.map(port -> port.start() == -1 ? "any port"
					: port.start() == port.end() ? String.valueOf(port.start()) : port.start() + "-" + port.end())
			.toList());
	}

	private static String rules(List<PolicyRule> rules) {
		return String.join("; ", rules.stream()
			.map(rule -> rule.action() + " " + rule.protocol() + " from " + addresses(rule.sources()) + " "
					+ rule.direction() + " " + addresses(rule.destinations()) + " port " + portRanges(rule.destinationPorts()))
			.toList());
	}

	private static String addresses(List<PolicyAddress> addresses) {
		return String.join(" ", addresses.stream()
			.map(address -> address.subnet() != null ? address.subnet()
					: address.virtualNetwork() != null ? address.virtualNetwork() : address.networkPolicy())
			.toList());
	}

	private static String names(List<List<String>> fqNames) {
		return String.join(", ", fqNames.stream().map(fqName -> String.join(":", fqName)).toList());
	}

	/** Everything the intents add to one network. */
	private static final class NetworkChange {

		private final Cluster cluster;

		private final VirtualNetwork network;

		private final Set<String> routeTargets = new LinkedHashSet<>();

		private final Set<List<String>> policies = new LinkedHashSet<>();

		private final Set<String> dependsOn = new LinkedHashSet<>();

		NetworkChange(Cluster cluster, VirtualNetwork network) {
			this.cluster = cluster;
			this.network = network;
		}

		String key() {
			return Draft.key(cluster, StepSystem.TUNGSTEN_FABRIC, VirtualNetwork.TYPE,
					String.join(":", network.fqName()));
		}

	}

	private record PendingImport(IntentSpec intent, Cluster source, Cluster destination, ServiceInfo service,
			List<ServicePort> ports, List<String> networkKeys) {
	}

}
