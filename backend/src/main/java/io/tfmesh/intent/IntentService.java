package io.tfmesh.intent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.audit.AuditAction;
import io.tfmesh.audit.AuditLog;
import io.tfmesh.intent.IntentRules.ClusterFacts;
import io.tfmesh.intent.IntentRules.Verdict;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.inventory.ClusterView;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.plan.IntentSource;
import io.tfmesh.plan.IntentSpec;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.InvalidInputException;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.error.StaleVersionException;
import io.tfmesh.system.error.UnprocessableException;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.RequestValidator;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Intents: which namespace of one cluster may reach which Service of another, checked against
 * the inventory, the meshes and the clusters' last observations.
 */
@Service
public class IntentService implements IntentSource {

	/**
	 * The columns the intent list sorts by, its source first, each an SQL expression over a row of
	 * the list: a side sorts by cluster, then namespace, then Service, as the default order always did.
	 */
	public static final Map<String, String> SORT_COLUMNS = ListSort.columns("from",
			"(source_cluster_name, source_namespace, destination_cluster_name, destination_namespace, destination_service)",
			"to", "(destination_cluster_name, destination_namespace, destination_service)", "protocol", "protocol",
			"mesh", "mesh_name", "name", "name");

	static final String KIND = "intent";

	private final IntentStore intents;

	private final ClusterService clusters;

	private final ObservationService observations;

	private final RequestValidator validator;

	private final AuditLog audit;

	private final Clock clock;

	IntentService(IntentStore intents, ClusterService clusters, ObservationService observations,
			RequestValidator validator, AuditLog audit, Clock clock) {
		this.intents = intents;
		this.clusters = clusters;
		this.observations = observations;
		this.validator = validator;
		this.audit = audit;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public PageView<IntentView> list(String q, @Nullable Long meshId, @Nullable Long clusterId, PageQuery page,
			ListSort sort) {
		return intents.list(q, meshId, clusterId, page, sort);
	}

	@Transactional(readOnly = true)
	public IntentView get(long id) {
		return intents.find(id).orElseThrow(() -> new NotFoundException(KIND, id));
	}

	/**
	 * @throws InvalidInputException when a field is wrong (400), with every problem found
	 * @throws UnprocessableException when the fields are right but the clusters do not allow it
	 * (422): not in one mesh, not observed, or without the namespace or Service
	 * @throws ConflictException when an intent states the same rule (409)
	 */
	@Transactional
	public IntentView create(IntentRequest request) {
		validator.requireBody(request);
		List<FieldProblem> fieldProblems = validator.validate(request);
		Verdict verdict = IntentRules.check(request, facts(request.sourceClusterId()),
				facts(request.destinationClusterId()));
		if (!fieldProblems.isEmpty() || !verdict.invalid().isEmpty()) {
			List<FieldProblem> problems = new ArrayList<>(fieldProblems);
			problems.addAll(verdict.invalid());
			problems.addAll(verdict.unprocessable());
			throw new InvalidInputException(problems);
		}
		if (!verdict.unprocessable().isEmpty()) {
			throw new UnprocessableException(verdict.unprocessable());
		}
		intents.sameRule(request, verdict.ports()).ifPresent(existing -> {
			throw duplicate(existing);
		});
		long id;
		try {
			id = intents.insert(request, verdict.ports(), clock.instant(), AuditLog.currentActor());
		}
		catch (DuplicateKeyException ex) {
			// written meanwhile by another request
			throw duplicate(intents.sameRule(request, verdict.ports()).orElse(-1L));
		}
		IntentView view = get(id);
		audit.record(AuditAction.CREATE, KIND, id, view.title(), null, view);
		return view;
	}

	@Transactional
	public void delete(long id, @Nullable Long expectedVersion) {
		IntentView before = get(id);
		if (expectedVersion != null && before.version() != expectedVersion) {
			throw new StaleVersionException(KIND, id, expectedVersion, before.version());
		}
		intents.delete(id);
		audit.record(AuditAction.DELETE, KIND, id, before.title(), before, null);
	}

	@Override
	@Transactional(readOnly = true)
	public List<IntentSpec> forMesh(long meshId) {
		return intents.forMesh(meshId);
	}

	private @Nullable ClusterFacts facts(@Nullable Long clusterId) {
		if (clusterId == null) {
			return null;
		}
		ClusterView cluster = clusters.findById(clusterId).orElse(null);
		if (cluster == null) {
			return null;
		}
		return new ClusterFacts(cluster.id(), cluster.name(), intents.meshOf(cluster.id()).orElse(null),
				observations.latest(cluster.id()).orElse(null));
	}

	private static ConflictException duplicate(long existing) {
		return new ConflictException("The same intent exists already" + (existing > 0 ? " (id " + existing + ")" : "")
				+ ": same clusters, namespaces, Service, protocol and ports");
	}

}
