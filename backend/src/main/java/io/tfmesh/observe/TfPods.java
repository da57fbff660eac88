package io.tfmesh.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.tfmesh.fabric.introspect.TfService;
import io.tfmesh.fabric.kubernetes.ContainerInfo;
import io.tfmesh.fabric.kubernetes.NodeAddress;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import org.jspecify.annotations.Nullable;

/**
 * Which contrail-status service each container of the single-yaml install is. contrail-status
 * files a container under the pod of its {@code NODE_TYPE} and the service of its
 * {@code SERVICE_NAME}; most TF images set both themselves, so the Kubernetes API shows neither
 * and the container's name (tf-container-builder's
 * {@code kubernetes/manifests/contrail-standalone-kubernetes.yaml}) has to stand for them. A
 * {@code NODE_TYPE} the spec does set names the pod. Containers that contrail-status does not
 * list (the provisioners, and {@code redis}, a shared service without a pod) have no entry.
 */
final class TfPods {

	private static final Map<String, TfService> BY_CONTAINER = table();

	private TfPods() {
	}

	private static Map<String, TfService> table() {
		Map<String, TfService> table = new LinkedHashMap<>();
		// the config-database pod gathers three DaemonSets: contrail-configdb, config-zookeeper, rabbitmq
		table.put("contrail-configdb", TfService.CONFIG_DATABASE_CASSANDRA);
		table.put("config-zookeeper", TfService.CONFIG_DATABASE_ZOOKEEPER);
		table.put("rabbitmq", TfService.CONFIG_DATABASE_RABBITMQ);
		table.put("contrail-config-database-nodemgr", TfService.CONFIG_DATABASE_NODEMGR);
		table.put("contrail-analyticsdb", TfService.DATABASE_CASSANDRA);
		table.put("contrail-analytics-query-engine", TfService.DATABASE_QUERY_ENGINE);
		table.put("contrail-analyticsdb-nodemgr", TfService.DATABASE_NODEMGR);
		table.put("contrail-analytics-api", TfService.ANALYTICS_API);
		table.put("contrail-analytics-collector", TfService.ANALYTICS_COLLECTOR);
		table.put("contrail-analytics-nodemgr", TfService.ANALYTICS_NODEMGR);
		table.put("kafka", TfService.ANALYTICS_ALARM_KAFKA);
		table.put("contrail-analytics-alarm-gen", TfService.ANALYTICS_ALARM_GEN);
		table.put("contrail-analytics-alarm-nodemgr", TfService.ANALYTICS_ALARM_NODEMGR);
		table.put("contrail-analytics-snmp-collector", TfService.ANALYTICS_SNMP_COLLECTOR);
		table.put("contrail-analytics-snmp-topology", TfService.ANALYTICS_SNMP_TOPOLOGY);
		table.put("contrail-analytics-snmp-nodemgr", TfService.ANALYTICS_SNMP_NODEMGR);
		table.put("contrail-controller-control", TfService.CONTROL);
		table.put("contrail-controller-control-dns", TfService.CONTROL_DNS);
		table.put("contrail-controller-control-named", TfService.CONTROL_NAMED);
		table.put("contrail-controller-nodemgr", TfService.CONTROL_NODEMGR);
		table.put("contrail-controller-config-api", TfService.CONFIG_API);
		table.put("contrail-controller-config-devicemgr", TfService.CONFIG_DEVICE_MANAGER);
		table.put("contrail-controller-config-schema", TfService.CONFIG_SCHEMA);
		table.put("contrail-controller-config-svcmonitor", TfService.CONFIG_SVC_MONITOR);
		table.put("contrail-controller-config-nodemgr", TfService.CONFIG_NODEMGR);
		table.put("contrail-controller-webui-web", TfService.WEBUI_WEB);
		table.put("contrail-controller-webui-job", TfService.WEBUI_JOB);
		table.put("contrail-kube-manager", TfService.KUBE_MANAGER);
		table.put("contrail-vrouter-agent", TfService.VROUTER_AGENT);
		table.put("contrail-agent-nodemgr", TfService.VROUTER_NODEMGR);
		return Map.copyOf(table);
	}

	/**
	 * The service the container is: its name gives the service, and its spec's
	 * {@code NODE_TYPE}, when set, the pod.
	 * @return empty for a container contrail-status does not list
	 */
	static Optional<TfService> service(ContainerInfo container) {
		TfService named = BY_CONTAINER.get(container.name());
		if (named == null) {
			return Optional.empty();
		}
		String pod = (container.nodeType() != null) ? container.nodeType() : named.pod();
		return TfService.of(pod, named.service());
	}

	/**
	 * The services contrail-status prints for one node, each with the container that stands for
	 * it: every service of every contrail pod that has a container on the node, in
	 * contrail-status order, with null for a service whose container is missing (which it
	 * prints {@code inactive}). Of two containers for one service, a running one wins, as in
	 * contrail-status's {@code get_containers}.
	 */
	static Map<TfService, @Nullable Placed> onNode(List<PodInfo> pods) {
		Map<TfService, Placed> found = new LinkedHashMap<>();
		Set<String> contrailPods = new LinkedHashSet<>();
		for (PodInfo pod : pods) {
			for (ContainerInfo container : pod.containers()) {
				service(container).ifPresent(service -> {
					contrailPods.add(service.pod());
					Placed current = found.get(service);
					if (current == null || (current.container().state() != ContainerInfo.State.RUNNING
							&& container.state() == ContainerInfo.State.RUNNING)) {
						found.put(service, new Placed(pod, container));
					}
				});
			}
		}
		Map<TfService, @Nullable Placed> services = new LinkedHashMap<>();
		for (String contrailPod : contrailPods) {
			for (TfService service : TfService.ofPod(contrailPod)) {
				services.put(service, found.get(service));
			}
		}
		return services;
	}

	/** What contrail-status makes of a container's state, before it asks introspect. */
	static Verdict verdict(@Nullable ContainerInfo container) {
		if (container == null) {
			return Verdict.INACTIVE;
		}
		return switch (container.state()) {
			case RUNNING -> Verdict.RUNNING;
			// a container waiting in CrashLoopBackOff is not running, even while its pod is Running
			case WAITING, TERMINATED -> Verdict.INACTIVE;
			case UNKNOWN -> Verdict.UNKNOWN;
		};
	}

	/** How a container's state is described where its state stands for a service. */
	static String describe(Placed placed) {
		ContainerInfo container = placed.container();
		List<String> parts = new ArrayList<>();
		parts.add("container " + container.name() + " of pod " + placed.pod().name() + ": "
				+ container.state().name().toLowerCase(Locale.ROOT));
		if (container.reason() != null) {
			parts.add("(" + container.reason() + ")");
		}
		String described = String.join(" ", parts);
		// a container that keeps restarting while it reads running is what CrashLoopBackOff looks like between crashes
		return (container.restartCount() > 0) ? described + ", " + container.restartCount() + " restarts" : described;
	}

	static @Nullable String internalAddress(NodeInfo node) {
		return node.addresses()
			.stream()
			.filter(address -> "InternalIP".equals(address.type()))
			.map(NodeAddress::address)
			.findFirst()
			.orElse(null);
	}

	/** A container and the pod it runs in. */
	record Placed(PodInfo pod, ContainerInfo container) {
	}

	/**
	 * contrail-status's {@code get_status_from_container}: a running container is active and
	 * may be introspected, any other is inactive; a state the API did not report is unknown,
	 * never active.
	 */
	enum Verdict {

		RUNNING, INACTIVE, UNKNOWN

	}

}
