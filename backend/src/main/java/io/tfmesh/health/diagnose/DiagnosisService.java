package io.tfmesh.health.diagnose;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.tfmesh.health.DiagnosisFound;
import io.tfmesh.health.HealthEvaluated;
import io.tfmesh.health.HealthService;
import io.tfmesh.health.ServedNeighbors;
import io.tfmesh.health.ServedReading;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.mesh.MeshService;
import io.tfmesh.mesh.MeshView;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.system.error.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Diagnoses a cluster from its latest readings and latest observation, and announces each
 * finding when it appears.
 */
@Service
public class DiagnosisService {

	private final HealthService health;

	private final ObservationService observations;

	private final OpenFindings open;

	private final ClusterService clusters;

	private final MeshService meshes;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DiagnosisService(HealthService health, ObservationService observations, OpenFindings open,
			ClusterService clusters, MeshService meshes, ApplicationEventPublisher events, Clock clock) {
		this.health = health;
		this.observations = observations;
		this.open = open;
		this.clusters = clusters;
		this.meshes = meshes;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The cluster's findings now.
	 * @throws io.tfmesh.system.error.NotFoundException when there is no such cluster
	 */
	public List<Finding> findings(long clusterId) {
		List<ServedReading> readings = health.readings(clusterId);
		ObservedState observed = observations.latest(clusterId).orElse(null);
		Instant now = clock.instant();
		List<ServedNeighbors> neighbors = health.bgpNeighbors(clusterId);
		// the other members' observations are read only when a session is down or was not read
		boolean doubtful = neighbors.stream()
			.anyMatch(list -> !list.known() || list.neighbors().stream().anyMatch(n -> n.bgp() && !n.established()));
		MeshSpeakers mesh = doubtful ? meshSpeakers(clusterId, now) : MeshSpeakers.none();
		return Diagnoses.of(readings, observed, now, clusters.get(clusterId).name(), neighbors, mesh,
				health.restarts(clusterId));
	}

	private MeshSpeakers meshSpeakers(long clusterId, Instant now) {
		Optional<MeshView> mesh = meshes.meshOf(clusterId);
		if (mesh.isEmpty()) {
			return MeshSpeakers.none();
		}
		Map<Long, String> others = new LinkedHashMap<>();
		mesh.get()
			.members()
			.stream()
			.filter(member -> member.clusterId() != clusterId)
			.forEach(member -> others.put(member.clusterId(), member.clusterName()));
		return MeshSpeakers.of(mesh.get().name(), others, observations.latest(others.keySet()), now);
	}

	/**
	 * Publishes {@link DiagnosisFound} for each finding that was absent until now, in the
	 * transaction that records it as open: a finding is recorded exactly when its announcement is.
	 */
	@EventListener
	@Transactional
	void on(HealthEvaluated evaluated) {
		Instant now = clock.instant();
		List<Finding> findings;
		try {
			findings = findings(evaluated.clusterId());
		}
		catch (NotFoundException ex) {
			// deleted since its readings were stored
			return;
		}
		Map<OpenFindings.Key, Finding> byKey = findings.stream()
			.collect(Collectors.toMap(OpenFindings.Key::of, finding -> finding, (first, second) -> first));
		Set<OpenFindings.Key> keys = byKey.keySet();
		for (OpenFindings.Key key : open.update(evaluated.clusterId(), keys, now)) {
			Finding finding = byKey.get(key);
			events.publishEvent(new DiagnosisFound(evaluated.clusterId(), evaluated.clusterName(), finding.code(),
					finding.node(), finding.cause(), now));
		}
	}

}
