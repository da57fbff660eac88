package io.tfmesh.plan;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a plan is in its life: draft → pending approval → approved or rejected → applying →
 * applied, failed or cancelled. A plan that waits too long expires; one whose clusters changed
 * under it before it was applied is stale.
 */
public enum PlanState {

	DRAFT, PENDING_APPROVAL, APPROVED, REJECTED, APPLYING, APPLIED, FAILED, CANCELLED, EXPIRED, STALE;

	@JsonValue
	public String id() {
		return name().toLowerCase().replace('_', '-');
	}

	@JsonCreator
	public static PlanState of(String id) {
		for (PlanState state : values()) {
			if (state.id().equals(id) || state.name().equalsIgnoreCase(id)) {
				return state;
			}
		}
		throw new IllegalArgumentException("unknown plan state '" + id + "'");
	}

	/** Whether nothing more happens to the plan. */
	public boolean finished() {
		return switch (this) {
			case REJECTED, APPLIED, FAILED, CANCELLED, EXPIRED, STALE -> true;
			default -> false;
		};
	}

}
