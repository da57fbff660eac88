package io.tfmesh.preflight;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tfmesh.inventory.CloudService;
import io.tfmesh.inventory.CloudView;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.inventory.ClusterView;
import io.tfmesh.mesh.MeshService;
import io.tfmesh.mesh.MeshView;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.preflight.PreflightInput.MeshPeers;
import io.tfmesh.preflight.PreflightInput.Peer;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The preflight checks of a cluster, from what tfmesh stored: its latest observation and those
 * of its mesh's other members. It never calls a cluster.
 */
@Service
public class PreflightService {

	private final ClusterService clusters;

	private final CloudService clouds;

	private final ObservationService observations;

	private final MeshService meshes;

	private final RuleService rules;

	PreflightService(ClusterService clusters, CloudService clouds, ObservationService observations,
			MeshService meshes, RuleService rules) {
		this.clusters = clusters;
		this.clouds = clouds;
		this.observations = observations;
		this.meshes = meshes;
		this.rules = rules;
	}

	/** @throws io.tfmesh.system.error.NotFoundException when there is no such cluster */
	public PreflightReport report(long clusterId) {
		ClusterView cluster = clusters.get(clusterId);
		CloudView cloud = clouds.get(cluster.cloudId());
		ObservedState state = observations.latest(clusterId).orElse(null);
		Map<String, PreflightRule> byKey = rules.all()
			.stream()
			.collect(Collectors.toMap(PreflightRule::key, Function.identity()));
		MeshPeers mesh = meshes.meshOf(clusterId).map(found -> peers(found, clusterId)).orElse(null);
		return PreflightChecks.run(new PreflightInput(clusterId, cluster.name(), state, byKey, cloud.name(),
				cloud.underlayGateway(), mesh));
	}

	private MeshPeers peers(MeshView mesh, long clusterId) {
		List<MeshView.MemberView> others = mesh.members()
			.stream()
			.filter(member -> member.clusterId() != clusterId)
			.toList();
		Map<Long, ObservedState> latest = observations
			.latest(others.stream().map(MeshView.MemberView::clusterId).toList());
		return new MeshPeers(mesh.name(), others.stream()
			.map(member -> peer(member, latest.get(member.clusterId())))
			.toList());
	}

	private static Peer peer(MeshView.MemberView member, @Nullable ObservedState state) {
		if (state == null) {
			return new Peer(member.clusterId(), member.clusterName(), null, null);
		}
		Long asn = (state.tungstenFabric() != null) ? state.tungstenFabric().autonomousSystem() : null;
		return new Peer(member.clusterId(), member.clusterName(), state.tfClusterName(), asn);
	}

}
