package io.tfmesh.plan.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tfmesh.plan.CompiledPlan;
import io.tfmesh.plan.PlanCompiler;
import io.tfmesh.plan.PlannedStep;
import io.tfmesh.plan.PlanningInput;
import io.tfmesh.plan.PlanningInput.Member;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Compiles a mesh's allocations, ASNs and intents into the steps that bring each member from
 * what it was last observed to have to what it should have. Each step states its object's end
 * value; a value already in place gives no step, so compiling again after the steps were done
 * gives nothing. Within a member: IPAMs before ConfigMaps before restarts; the global ASN before
 * the bgp-routers that name it; the bgp-routers of both sides of a peering before the route
 * targets that use it; a network policy before the network that refers to it.
 */
@Component
public class DesiredStateCompiler implements PlanCompiler {

	@Override
	public CompiledPlan compile(PlanningInput input, @Nullable Long onlyCluster) {
		Draft draft = new Draft();
		List<String> problems = new ArrayList<>();
		Map<Long, Cluster> clusters = new LinkedHashMap<>();
		for (Member member : input.members()) {
			Cluster cluster = Cluster.of(member, problems);
			if (cluster != null) {
				clusters.put(cluster.id(), cluster);
			}
		}
		problems.forEach(draft::note);
		for (Cluster cluster : clusters.values()) {
			SubnetSteps.plan(cluster, draft);
		}
		for (Cluster cluster : clusters.values()) {
			PeeringSteps.asn(cluster, peers(cluster, clusters), draft);
		}
		for (Cluster cluster : clusters.values()) {
			for (Cluster peer : peers(cluster, clusters)) {
				PeeringSteps.routers(cluster, peer, draft);
			}
		}
		new IntentSteps(draft, clusters).plan(input.intents());
		List<PlannedStep> steps = StepOrder.sorted(draft.steps());
		if (onlyCluster == null) {
			return new CompiledPlan(steps, draft.notes());
		}
		return only(steps, draft.notes(), onlyCluster);
	}

	private static List<Cluster> peers(Cluster cluster, Map<Long, Cluster> clusters) {
		return clusters.values().stream().filter(peer -> peer.id() != cluster.id()).toList();
	}

	/**
	 * The steps of one cluster. A dependency on another cluster's step is dropped and said in a
	 * note: that step is not part of this plan.
	 */
	private static CompiledPlan only(List<PlannedStep> steps, List<String> notes, long clusterId) {
		Set<String> kept = steps.stream()
			.filter(step -> step.clusterId() == clusterId)
			.map(PlannedStep::key)
			.collect(Collectors.toSet());
		List<PlannedStep> filtered = new ArrayList<>();
		List<String> allNotes = new ArrayList<>(notes);
		for (PlannedStep step : steps) {
			if (!kept.contains(step.key())) {
				continue;
			}
			List<String> outside = step.dependsOn().stream().filter(key -> !kept.contains(key)).toList();
			if (!outside.isEmpty()) {
				allNotes.add(step.key() + " would wait for " + String.join(", ", outside)
						+ ", which this plan leaves out: apply them first, or plan the whole mesh");
			}
			filtered.add(new PlannedStep(step.key(), step.clusterId(), step.clusterName(), step.system(),
					step.objectType(), step.object(), step.action(), step.before(), step.after(),
					step.dependsOn().stream().filter(kept::contains).toList(), step.risk(), step.operation(),
					step.undo()));
		}
		return new CompiledPlan(filtered, allNotes);
	}

}
