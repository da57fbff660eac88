package io.tfmesh.apply.bench;

import java.util.List;
import java.util.Map;

import io.tfmesh.plan.PlannedStep;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/** Stores a plan as approved, its steps in the rows the workers read, as the plan store writes them. */
final class PlanRows {

	private PlanRows() {
	}

	/**
	 * @param base cluster id → revision of the observation the plan was computed against
	 * @return the plan's id
	 */
	static long insertApproved(JdbcTemplate jdbc, JsonMapper json, String mesh, Map<Long, String> base,
			List<PlannedStep> steps) {
		Long planId = jdbc.queryForObject("""
				INSERT INTO plan (mesh_name, state, author, created_at, updated_at, base_revision, approved_by,
				                  approved_at)
				VALUES (?, 'approved', 'bench-author', now(), now(), ?::jsonb, 'bench-approver', now())
				RETURNING id""", Long.class, mesh, json.writeValueAsString(base));
		int position = 0;
		for (PlannedStep step : steps) {
			jdbc.update("""
					INSERT INTO plan_step (plan_id, position, step_key, cluster_id, cluster_name, system, object_type,
					                       object_name, action, before_state, after_state, depends_on, risk, operation,
					                       undo)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?::jsonb)""", planId,
					position++, step.key(), step.clusterId(), step.clusterName(), step.system().id(),
					step.objectType(), step.object(), step.action().id(), json.writeValueAsString(step.before()),
					json.writeValueAsString(step.after()), json.writeValueAsString(step.dependsOn()), step.risk(),
					json.writeValueAsString(step.operation()),
					step.undo() == null ? null : json.writeValueAsString(step.undo()));
		}
		return planId;
	}

}
