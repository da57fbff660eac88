package io.tfmesh.health;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.kubernetes.ContainerInfo;
import io.tfmesh.fabric.kubernetes.KubernetesConnector;
import io.tfmesh.fabric.kubernetes.KubernetesConnectors;
import io.tfmesh.fabric.kubernetes.NodeInfo;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.observe.ObservedState.ProcessHealth;
import io.tfmesh.observe.ProcessHealthReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Polls one cluster's TF services: its nodes and TF pods from the Kubernetes API (which node
 * runs which service, and each container's state and restart count), then the introspect port
 * of every running process, as contrail-status does on each node, and each control node's
 * neighbors.
 */
@Component
class HealthCollector {

	private static final Logger log = LoggerFactory.getLogger(HealthCollector.class);

	private final ClusterService clusters;

	private final KubernetesConnectors kubernetes;

	private final ProcessHealthReader reader;

	private final Executor reads;

	private final HealthService health;

	private final HealthMetrics metrics;

	private final BgpNeighborReader neighbors;

	HealthCollector(ClusterService clusters, KubernetesConnectors kubernetes,
			@Qualifier("healthReader") ProcessHealthReader reader, @Qualifier("healthReads") Executor reads,
			HealthService health, HealthMetrics metrics, BgpNeighborReader neighbors) {
		this.clusters = clusters;
		this.kubernetes = kubernetes;
		this.reader = reader;
		this.reads = reads;
		this.health = health;
		this.metrics = metrics;
		this.neighbors = neighbors;
	}

	/**
	 * Reads the cluster's TF services now and stores what was read. When its nodes or pods
	 * cannot be read nothing is stored: the readings it had age, and turn unknown.
	 * @return the number of readings stored
	 * @throws io.tfmesh.system.error.NotFoundException when there is no such cluster
	 */
	int poll(long clusterId) {
		ClusterAccess access = clusters.access(clusterId);
		List<NodeInfo> nodes;
		List<PodInfo> pods;
		try {
			KubernetesConnector k8s = kubernetes.forCluster(access);
			nodes = k8s.nodes();
			pods = k8s.tfPods(access.kubeManagerNamespace());
		}
		catch (FabricException ex) {
			log.debug("Cluster {}: its nodes or TF pods could not be read: {}", access.clusterName(), ex.getMessage());
			metrics.polled(access.clusterName(), true);
			health.evaluate(clusterId, access.clusterName());
			return 0;
		}
		List<ProcessHealth> read;
		List<BgpNeighborList> lists;
		try {
			read = reader.read(nodes, pods, access.introspect(), reads).get();
			lists = neighbors.read(nodes, read, access.introspect(), reads).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("reading cluster " + access.clusterName() + " failed", ex.getCause());
		}
		List<Reading> readings = read.stream()
			.map(p -> new Reading(p.node(), p.pod(), p.service(), p.state(), p.description(), p.source(), p.readAt()))
			.toList();
		metrics.polled(access.clusterName(), false);
		metrics.unread(access.clusterName(), (int) read.stream().filter(ProcessHealth::unread).count());
		health.recordPeering(clusterId, lists, restarts(pods));
		health.record(clusterId, access.clusterName(), readings, nodes.stream().map(NodeInfo::name).toList());
		return readings.size();
	}

	private static List<PeeringStore.Sample> restarts(List<PodInfo> pods) {
		List<PeeringStore.Sample> samples = new ArrayList<>();
		for (PodInfo pod : pods) {
			if (pod.nodeName() == null) {
				continue;
			}
			for (ContainerInfo container : pod.containers()) {
				String waiting = (container.state() == ContainerInfo.State.WAITING) ? container.reason() : null;
				samples.add(new PeeringStore.Sample(pod.namespace(), pod.name(), container.name(), pod.nodeName(),
						container.restartCount(), waiting));
			}
		}
		return samples;
	}

}
