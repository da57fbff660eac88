package io.tfmesh.emulator.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * The columns and cells the API server prints objects with when a client asks for a
 * {@code Table}, after {@code pkg/printers/internalversion/printers.go}. The server always
 * fills the wide columns (priority 1); {@code kubectl} shows them with {@code -o wide}.
 */
final class TablePrinters {

	private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

	private static final String AGE_DESCRIPTION = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

	private static final Column NAME = new Column("Name", "string", "name", NAME_DESCRIPTION, 0);

	private static final Column AGE = new Column("Age", "string", "", AGE_DESCRIPTION, 0);

	private static final Map<String, List<Column>> COLUMNS = Map.of("pods",
			List.of(NAME, column("Ready", "The aggregate readiness state of this pod for accepting traffic."),
					column("Status", "The aggregate status of the containers in this pod."),
					column("Restarts",
							"The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
					AGE,
					wide("IP", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
					wide("Node", "NodeName indicates in which node this pod is scheduled."),
					wide("Nominated Node", "NominatedNodeName is set when this pod preempts other pods on the node."),
					wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.")),
			"configmaps",
			List.of(NAME, new Column("Data", "integer", "", "Data contains the configuration data.", 0), AGE),
			"services",
			List.of(NAME, column("Type", "Type determines how the Service is exposed."),
					column("Cluster-IP", "ClusterIP is the IP address of the service."),
					column("External-IP", "ExternalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
					column("Port(s)", "The list of ports that are exposed by this service."), AGE,
					wide("Selector", "Route service traffic to pods with label keys and values matching this selector.")),
			"daemonsets",
			List.of(NAME, integer("Desired", "The total number of nodes that should be running the daemon pod."),
					integer("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
					integer("Ready", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
					integer("Up-to-date", "The total number of nodes that are running updated daemon pod"),
					integer("Available", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available."),
					column("Node Selector", "NodeSelector is a selector which must be true for the pod to fit on a node."),
					AGE, wide("Containers", "Names of each container in the template."),
					wide("Images", "Images referenced by each container in the template."),
					wide("Selector", "A label query over pods that are managed by the daemon set.")),
			"nodes",
			List.of(NAME, column("Status", "The status of the node"),
					column("Roles", "The roles of the node"), AGE,
					column("Version", "Kubelet Version reported by the node."),
					wide("Internal-IP", "List of internal IPs of the node."),
					wide("External-IP", "List of external IPs of the node."),
					wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
					wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
					wide("Container-Runtime", "Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2).")),
			"namespaces",
			List.of(NAME, column("Status", "The status of the namespace"), AGE));

	private TablePrinters() {
	}

	/** Every kind without a printer of its own is shown by name and creation time. */
	static List<Column> columns(ResourceType type) {
		return COLUMNS.getOrDefault(type.plural(),
				List.of(NAME, new Column("Created At", "date", "", AGE_DESCRIPTION, 0)));
	}

	static List<Object> cells(ResourceType type, JsonNode object, Instant now) {
		String name = object.path("metadata").path("name").asString("");
		return switch (type.plural()) {
			case "pods" -> PodCells.of(object, now);
			case "configmaps" -> List.of(name,
					object.path("data").size() + object.path("binaryData").size(), age(object, now));
			case "services" -> service(object, now);
			case "daemonsets" -> daemonSet(object, now);
			case "nodes" -> node(object, now);
			case "namespaces" -> List.of(name, object.path("status").path("phase").asString(""), age(object, now));
			default -> List.of(name, object.path("metadata").path("creationTimestamp").asString(""));
		};
	}

	/** {@code translateTimestampSince}: {@code <unknown>} without a creation time. */
	static String age(JsonNode object, Instant now) {
		String created = object.path("metadata").path("creationTimestamp").asString("");
		return created.isEmpty() ? "<unknown>" : HumanDuration.of(Duration.between(Instant.parse(created), now));
	}

	private static List<Object> service(JsonNode service, Instant now) {
		JsonNode spec = service.path("spec");
		String type = spec.path("type").asString("");
		String clusterIp = spec.path("clusterIPs").path(0).asString("");
		List<String> ports = new ArrayList<>();
		for (JsonNode port : spec.path("ports")) {
			int nodePort = port.path("nodePort").asInt(0);
			ports.add(port.path("port").asInt(0) + ((nodePort > 0) ? ":" + nodePort : "") + "/"
					+ port.path("protocol").asString(""));
		}
		return List.of(service.path("metadata").path("name").asString(""), type, PodCells.orNone(clusterIp),
				externalIp(service), ports.isEmpty() ? "<none>" : String.join(",", ports), age(service, now),
				labels(spec.path("selector")));
	}

	/** {@code getServiceExternalIP} of the printers. */
	private static String externalIp(JsonNode service) {
		JsonNode spec = service.path("spec");
		List<String> addresses = new ArrayList<>();
		spec.path("externalIPs").forEach(address -> addresses.add(address.asString("")));
		switch (spec.path("type").asString("")) {
			case "ExternalName":
				return spec.path("externalName").asString("");
			case "LoadBalancer":
				for (JsonNode ingress : service.path("status").path("loadBalancer").path("ingress")) {
					String address = ingress.path("ip").asString("");
					addresses.add(address.isEmpty() ? ingress.path("hostname").asString("") : address);
				}
				return addresses.isEmpty() ? "<pending>" : String.join(",", addresses);
			default:
				return addresses.isEmpty() ? "<none>" : String.join(",", addresses);
		}
	}

	private static List<Object> daemonSet(JsonNode daemonSet, Instant now) {
		JsonNode status = daemonSet.path("status");
		JsonNode podSpec = daemonSet.path("spec").path("template").path("spec");
		List<String> containers = new ArrayList<>();
		List<String> images = new ArrayList<>();
		for (JsonNode container : podSpec.path("containers")) {
			containers.add(container.path("name").asString(""));
			images.add(container.path("image").asString(""));
		}
		return List.of(daemonSet.path("metadata").path("name").asString(""),
				status.path("desiredNumberScheduled").asLong(0), status.path("currentNumberScheduled").asLong(0),
				status.path("numberReady").asLong(0), status.path("updatedNumberScheduled").asLong(0),
				status.path("numberAvailable").asLong(0), labels(podSpec.path("nodeSelector")), age(daemonSet, now),
				String.join(",", containers), String.join(",", images),
				labels(daemonSet.path("spec").path("selector").path("matchLabels")));
	}

	private static List<Object> node(JsonNode node, Instant now) {
		JsonNode status = node.path("status");
		String readiness = "Unknown";
		for (JsonNode condition : status.path("conditions")) {
			if ("Ready".equals(condition.path("type").asString(""))) {
				readiness = "True".equals(condition.path("status").asString("")) ? "Ready" : "NotReady";
			}
		}
		if (node.path("spec").path("unschedulable").asBoolean(false)) {
			readiness += ",SchedulingDisabled";
		}
		TreeSet<String> roles = new TreeSet<>();
		for (Map.Entry<String, JsonNode> label : node.path("metadata").path("labels").properties()) {
			if (label.getKey().startsWith("node-role.kubernetes.io/")) {
				roles.add(label.getKey().substring("node-role.kubernetes.io/".length()));
			}
			else if (label.getKey().equals("kubernetes.io/role")) {
				roles.add(label.getValue().asString(""));
			}
		}
		JsonNode info = status.path("nodeInfo");
		return List.of(node.path("metadata").path("name").asString(""), readiness,
				roles.isEmpty() ? "<none>" : String.join(",", roles), age(node, now),
				info.path("kubeletVersion").asString(""), address(status, "InternalIP"), address(status, "ExternalIP"),
				unknownIfEmpty(info.path("osImage").asString("")),
				unknownIfEmpty(info.path("kernelVersion").asString("")),
				unknownIfEmpty(info.path("containerRuntimeVersion").asString("")));
	}

	private static String address(JsonNode status, String type) {
		for (JsonNode address : status.path("addresses")) {
			if (type.equals(address.path("type").asString(""))) {
				return address.path("address").asString("");
			}
		}
		return "<none>";
	}

	/** {@code labels.FormatLabels}: sorted {@code key=value} pairs, {@code <none>} for none. */
	private static String labels(JsonNode map) {
		Map<String, String> sorted = new TreeMap<>();
		map.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue().asString("")));
		if (sorted.isEmpty()) {
			return "<none>";
		}
		List<String> pairs = new ArrayList<>();
		sorted.forEach((key, value) -> pairs.add(key + "=" + value));
		return String.join(",", pairs);
	}

	private static String unknownIfEmpty(String value) {
		return value.isEmpty() ? "<unknown>" : value;
	}

	private static Column column(String name, String description) {
		return new Column(name, "string", "", description, 0);
	}

	private static Column integer(String name, String description) {
		return new Column(name, "integer", "", description, 0);
	}

	private static Column wide(String name, String description) {
		return new Column(name, "string", "", description, 1);
	}

	/** A {@code TableColumnDefinition}. */
	record Column(String name, String type, String format, String description, int priority) {

	}

}
