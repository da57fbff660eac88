package io.tfmesh.health.fix;

import java.util.List;

import io.tfmesh.health.diagnose.DiagnosisService;
import io.tfmesh.health.diagnose.Finding;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.inventory.ClusterView;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.plan.PlanOrigin;
import io.tfmesh.plan.PlanService;
import io.tfmesh.plan.PlanView;
import io.tfmesh.plan.PlannedStep;
import io.tfmesh.system.error.ConflictException;
import io.tfmesh.system.error.FieldProblem;
import io.tfmesh.system.error.UnprocessableException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Makes an open finding's proposed fix a change plan. The cluster is observed first and the
 * finding made again against that observation, so that the plan carries out what is true now
 * and goes stale when the cluster changes before it is applied.
 */
@Service
public class FixPlans {

	/** The kinds of fix that become plans. */
	public static final List<String> KINDS = List.of(FixSteps.CREATE_BGP_ROUTER, FixSteps.RESTART_POD);

	/** Readings of a cluster whose sources did not all answer, before the plan is refused. */
	static final int READINGS = 3;

	private final ClusterService clusters;

	private final ObservationService observations;

	private final DiagnosisService diagnoses;

	private final PlanService plans;

	FixPlans(ClusterService clusters, ObservationService observations, DiagnosisService diagnoses, PlanService plans) {
		this.clusters = clusters;
		this.observations = observations;
		this.diagnoses = diagnoses;
		this.plans = plans;
	}

	/**
	 * @param node the node of the finding; may be left out when the finding is open on one node only
	 * @param draft whether the plan waits as a draft instead of going to approval at once
	 * @throws io.tfmesh.system.error.NotFoundException when there is no such cluster
	 * @throws ConflictException when no such finding is open, or the cluster could not be observed
	 * completely
	 * @throws UnprocessableException when its fix is not one a plan carries out, or needs a value
	 * that was not read
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public PlanView create(long clusterId, String code, @Nullable String node, boolean draft) {
		ClusterView cluster = clusters.get(clusterId);
		// refused at once when not open on the last readings, before the cluster is read again
		open(cluster, code, node);
		ObservedState observed = observations.observeComplete(clusterId, READINGS);
		if (!observed.complete()) {
			throw new ConflictException("Cluster " + cluster.name() + " could not be observed completely ("
					+ String.join(", ", observed.failedSources()) + "); a plan is made only against a complete "
					+ "observation");
		}
		Finding finding = open(cluster, code, node);
		List<PlannedStep> steps = FixSteps.of(finding, observed);
		PlanOrigin origin = new PlanOrigin(finding.code(), finding.node(), finding.cause(), finding.fix().description(),
				finding.fix().kind());
		return plans.createFromFix(new PlanService.FixChange(clusterId, observed.revision(), steps, origin), draft);
	}

	private Finding open(ClusterView cluster, String code, @Nullable String node) {
		String wanted = (node == null || node.isBlank()) ? null : node.strip();
		List<Finding> matching = diagnoses.findings(cluster.id())
			.stream()
			.filter(finding -> finding.code().equals(code))
			.filter(finding -> wanted == null || wanted.equals(finding.node()))
			.toList();
		if (matching.isEmpty()) {
			throw new ConflictException("No finding " + code + (wanted == null ? "" : " on " + wanted)
					+ " is open in cluster " + cluster.name() + " now; it was healed, or it was never found");
		}
		if (matching.size() > 1) {
			throw new UnprocessableException(List.of(new FieldProblem("node", "is required: " + code + " is open on "
					+ String.join(", ", matching.stream().map(Finding::node).toList()) + "; name the node to fix")));
		}
		return matching.get(0);
	}

}
