package io.tfmesh.plan;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tfmesh.inventory.ClusterService;
import io.tfmesh.inventory.ClusterView;
import io.tfmesh.mesh.AllocationView;
import io.tfmesh.mesh.Kind;
import io.tfmesh.mesh.MeshService;
import io.tfmesh.mesh.MeshView;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.plan.IncompleteObservationException.Incomplete;
import io.tfmesh.system.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Gathers what the compiler reads for a mesh (or one of its members): the members with what the
 * planner gave each, their latest observations and the mesh's intents.
 */
@Component
class PlanningInputs {

	/** Readings of a target whose sources did not all answer, before the plan is refused. */
	static final int READINGS = 3;

	/**
	 * @param baseRevision target cluster id → the revision of the observation planned against
	 * @param incomplete the targets whose observation is incomplete, with the sources that failed
	 */
	record Gathered(PlanningInput input, MeshView mesh, Map<Long, String> baseRevision, List<Incomplete> incomplete) {
	}

	private final MeshService meshes;

	private final ClusterService clusters;

	private final ObservationService observations;

	private final IntentSource intents;

	private final PlanSettings settings;

	private final Clock clock;

	PlanningInputs(MeshService meshes, ClusterService clusters, ObservationService observations, IntentSource intents,
			PlanSettings settings, Clock clock) {
		this.meshes = meshes;
		this.clusters = clusters;
		this.observations = observations;
		this.intents = intents;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * @param onlyCluster the one target, null for every member
	 * @param refresh whether to observe a target first when its last observation is older than
	 * {@code tfmesh.plans.max-observation-age} or incomplete; a member that was never observed
	 * always is, and a reading that comes back incomplete is taken again
	 */
	Gathered gather(long meshId, @Nullable Long onlyCluster, boolean refresh) {
		MeshView mesh = meshes.get(meshId);
		if (onlyCluster != null && !mesh.clusterIds().contains(onlyCluster)) {
			throw new InvalidInputException("clusterId",
					"cluster " + onlyCluster + " is not a member of mesh " + mesh.name());
		}
		List<AllocationView> allocations = meshes.allocations(meshId);
		Instant oldest = clock.instant().minus(settings.maxObservationAge());
		List<PlanningInput.Member> members = new ArrayList<>();
		Map<Long, String> revisions = new LinkedHashMap<>();
		List<Incomplete> incomplete = new ArrayList<>();
		for (MeshView.MemberView member : mesh.members()) {
			boolean target = onlyCluster == null || onlyCluster == member.clusterId();
			Optional<ObservedState> latest = observations.latest(member.clusterId());
			boolean stale = latest.isEmpty() || (target && refresh
					&& (latest.get().observedAt().isBefore(oldest) || !latest.get().complete()));
			ObservedState observed = stale ? observations.observeComplete(member.clusterId(), READINGS) : latest.get();
			if (target) {
				revisions.put(member.clusterId(), observed.revision());
				if (!observed.complete()) {
					incomplete.add(new Incomplete(member.clusterId(), member.clusterName(), observed.failedSources()));
				}
			}
			ClusterView cluster = clusters.get(member.clusterId());
			members.add(new PlanningInput.Member(member.clusterId(), member.clusterName(), member.asn(),
					block(allocations, member.clusterId(), Kind.POD), block(allocations, member.clusterId(), Kind.SERVICE),
					block(allocations, member.clusterId(), Kind.FABRIC), cluster.kubeManager().namespace(),
					cluster.kubeManager().configMaps(), observed));
		}
		PlanningInput input = new PlanningInput(mesh.id(), mesh.name(), members, intents.forMesh(meshId));
		return new Gathered(input, mesh, revisions, incomplete);
	}

	private static @Nullable String block(List<AllocationView> allocations, long clusterId, Kind kind) {
		return allocations.stream()
			.filter(allocation -> allocation.kind() == kind && Long.valueOf(clusterId).equals(allocation.clusterId()))
			.map(AllocationView::cidr)
			.findFirst()
			.orElse(null);
	}

}
