package io.tfmesh.observe;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.introspect.ConfigApiWorker;
import io.tfmesh.fabric.introspect.ContrailStatusMapping;
import io.tfmesh.fabric.introspect.IntrospectClient;
import io.tfmesh.fabric.introspect.NodeStatus;
import io.tfmesh.fabric.introspect.ServiceStatus;
import io.tfmesh.fabric.introspect.TfService;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.observe.ObservedState.ProcessHealth;
import org.jspecify.annotations.Nullable;

/**
 * Reads contrail-status of a cluster's TF services the way contrail-status does on each node:
 * the full observation and the health collectors both read through it.
 */
public final class ProcessHealthReader {

	private final IntrospectClient introspect;

	private final Clock clock;

	public ProcessHealthReader(IntrospectClient introspect, Clock clock) {
		this.introspect = introspect;
		this.clock = clock;
	}

	/**
	 * Which TF services run where: on each node, the services of every contrail pod that has a
	 * container there, each with the container that stands for it, at the node's address.
	 */
	private List<Target> targets(List<NodeInfo> nodes, List<PodInfo> pods) {
		List<Target> targets = new ArrayList<>();
		for (NodeInfo node : nodes) {
			List<PodInfo> onNode = pods.stream().filter(pod -> node.name().equals(pod.nodeName())).toList();
			String address = TfPods.internalAddress(node);
			TfPods.onNode(onNode)
				.forEach((service, placed) -> targets.add(new Target(node.name(), address, service, placed)));
		}
		return targets;
	}

	/**
	 * contrail-status of every TF service on every node: the container's state, then, for a
	 * running process that implements NodeStatus, its introspect. Each service is read as its
	 * own task on the executor; the future completes when every one has answered or failed.
	 * @param nodes the cluster's nodes, whose {@code InternalIP} introspect is asked at
	 * @param pods the TF pods, whose containers say which services run on which node
	 */
	public CompletableFuture<List<ProcessHealth>> read(List<NodeInfo> nodes, List<PodInfo> pods,
			ClusterAccess.Introspect tls, Executor executor) {
		List<CompletableFuture<List<ProcessHealth>>> readings = targets(nodes, pods).stream()
			.map(target -> CompletableFuture.supplyAsync(() -> read(target, tls), executor))
			.toList();
		return CompletableFuture.allOf(readings.toArray(CompletableFuture[]::new))
			.thenApply(done -> readings.stream().flatMap(reading -> reading.join().stream()).toList());
	}

	/** contrail-status's {@code get_svc_uve_info} for one service: the container first, then introspect. */
	private List<ProcessHealth> read(Target target, ClusterAccess.Introspect tls) {
		TfService service = target.service();
		TfPods.Placed placed = target.placed();
		if (placed == null) {
			return List.of(health(target, ContrailStatusMapping.notRunning(service), "no container on the node"));
		}
		String container = TfPods.describe(placed);
		switch (TfPods.verdict(placed.container())) {
			case INACTIVE:
				return List.of(health(target, ContrailStatusMapping.notRunning(service), container));
			case UNKNOWN:
				return List.of(health(target, ContrailStatusMapping.unknown(service), container));
			default:
				break;
		}
		// contrail-status introspects only the processes that implement the NodeStatus UVE
		if (!service.introspected() || target.address() == null) {
			return List.of(health(target, ContrailStatusMapping.running(service), container));
		}
		int port = service.introspectPort().getAsInt();
		if (service == TfService.CONFIG_API) {
			return configApi(target, tls, port);
		}
		return List.of(introspect(target, service, tls, port));
	}

	private ProcessHealth introspect(Target target, TfService service, ClusterAccess.Introspect tls, int port) {
		String source = "introspect " + target.address() + ":" + port;
		try {
			return health(target, ContrailStatusMapping.of(service, introspect.nodeStatus(target.address(), port, tls)),
					source);
		}
		catch (FabricException ex) {
			return health(target, ContrailStatusMapping.ofFailure(service, ex), source + " (" + ex.getMessage() + ")",
					ex.getMessage());
		}
	}

	/**
	 * contrail-status's {@code config_api}: the api's {@code ConfigApiWorker} UVE lists the
	 * workers, and each worker's own NodeStatus gives its line, {@code api-0}, {@code api-1}, …;
	 * a single worker is plain {@code api}. A config API without that UVE (releases before the
	 * workers) is read as one process, as the contrail-status of those releases did.
	 */
	private List<ProcessHealth> configApi(Target target, ClusterAccess.Introspect tls, int port) {
		TfService api = TfService.CONFIG_API;
		String source = "introspect " + target.address() + ":" + port;
		List<ConfigApiWorker> workers;
		try {
			workers = introspect.configApiWorkers(target.address(), port, tls);
		}
		catch (FabricException ex) {
			if (ex.kind() == FabricException.Kind.NOT_FOUND) {
				return List.of(introspect(target, api, tls, port));
			}
			return List.of(health(target, ContrailStatusMapping.ofFailure(api, ex), source + " (" + ex.getMessage() + ")",
					ex.getMessage()));
		}
		if (workers.isEmpty()) {
			return List.of(health(target, ContrailStatusMapping.of(api, new NodeStatus("", List.of())), source));
		}
		if (workers.size() == 1) {
			return List.of(introspect(target, api, tls, workers.get(0).introspectPort()));
		}
		List<ProcessHealth> lines = new ArrayList<>();
		for (ConfigApiWorker worker : workers) {
			ProcessHealth reading = introspect(target, api, tls, worker.introspectPort());
			lines.add(new ProcessHealth(reading.node(), reading.pod(), api.service() + "-" + worker.workerId(),
					reading.state(), reading.description(), reading.source(), reading.readAt(), reading.container(),
					reading.failure()));
		}
		return lines;
	}

	private ProcessHealth health(Target target, ServiceStatus status, String source) {
		return health(target, status, source, null);
	}

	private ProcessHealth health(Target target, ServiceStatus status, String source, @Nullable String failure) {
		return new ProcessHealth(target.node(), status.pod(), status.service(), status.state(), status.description(),
				source, clock.instant(), (target.placed() != null) ? target.placed().container().name() : null,
				failure);
	}


	/** A service to read on a node, with the container that stands for it (null when there is none). */
	private record Target(String node, @Nullable String address, TfService service, TfPods.@Nullable Placed placed) {
	}

}
